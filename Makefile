# cs: community legal service records. GNU make, pkg-config.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/cs
LOCALEDIR = $(PREFIX)/share/locale
VERSION = 0.1.0

PKGS = yaml-0.1 libgit2
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
DEFS = -DCS_VERSION='"$(VERSION)"'
# The installation paths compiled into the commands: only cmd/cli.c uses them (the
# catalogue directory), so only its objects get them. They are recorded in
# $(BUILD_PATHS), which is rewritten only when they change, and those objects depend on
# it: building or installing with another PREFIX (or LOCALEDIR) rebuilds them and
# relinks the commands, and building twice with the same paths rebuilds nothing.
PATH_DEFS = -DCS_LOCALEDIR='"$(LOCALEDIR)"'
BUILD_PATHS = cmd/.build-paths
WERROR ?=
ALL_CFLAGS = $(WARN) $(WERROR) $(CFLAGS) $(DEFS) -iquote lib $(PKG_CFLAGS)
# the sanitized build is also the -O1 build: gcc sees other uninitialised uses there
SAN = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

CMDS = csinit csassign cslog cscheck csreport
CMD_BINS = $(patsubst %,cmd/%,$(filter $(patsubst cmd/%.c,%,$(wildcard cmd/*.c)),$(CMDS)))
GEN_SRC = lib/schemas.gen.c lib/calendars.gen.c
LIB_SRC = $(sort $(filter-out $(GEN_SRC),$(wildcard lib/*.c))) $(GEN_SRC)
LIB_OBJ = $(LIB_SRC:.c=.o)
SAN_OBJ = $(patsubst lib/%.c,tests/san/%.o,$(LIB_SRC))
SAN_BINS = $(patsubst cmd/%,tests/san/%,$(CMD_BINS))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRC:.c=)
SAN_UNIT_BINS = $(patsubst tests/unit/%.c,tests/san/%,$(UNIT_SRC))
SCHEMAS = $(sort $(wildcard schemas/*.schema.yaml))
PO = $(wildcard po/*.po)
MO = $(patsubst po/%.po,po/locale/%/LC_MESSAGES/cs.mo,$(PO))
HDRS = $(wildcard lib/*.h)

DEB_PKGS = gcc make pkg-config git libyaml-dev libgit2-dev libcmocka-dev gettext \
	mandoc locales chromium poppler-utils fonts-wqy-zenhei time zsh fish openssh-client

.PHONY: all check demo install uninstall clean deps bench test unit san FORCE
all: $(CMD_BINS) $(MO)

deps:
	@sh tests/deps.sh $(DEB_PKGS)

CALENDARS = $(sort $(wildcard lib/calendar/*.yaml))
lib/schemas.gen.c: $(SCHEMAS) tests/embed.sh
	sh tests/embed.sh cs_embedded_schemas .schema.yaml $(SCHEMAS) > $@.tmp && mv $@.tmp $@

lib/calendars.gen.c: $(CALENDARS) tests/embed.sh
	sh tests/embed.sh cs_embedded_calendars .yaml $(CALENDARS) > $@.tmp && mv $@.tmp $@

lib/%.o: lib/%.c $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

lib/libcs.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

CLI_SRC = cmd/cli.c cmd/opts.c cmd/usage.c cmd/complete.c cmd/editor.c
CLI_HDRS = cmd/cli.h cmd/opts.h cmd/editor.h
CLI_OBJ = $(CLI_SRC:.c=.o)
SAN_CLI_OBJ = $(patsubst cmd/%.c,tests/san/cmd-%.o,$(CLI_SRC))

$(BUILD_PATHS): FORCE
	@flags='$(subst ','\'',$(PATH_DEFS))'; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$flags" ]; then printf '%s\n' "$$flags" > $@; fi

cmd/cli.o tests/san/cmd-cli.o: DEFS += $(PATH_DEFS)
cmd/cli.o tests/san/cmd-cli.o: $(BUILD_PATHS)
# kept, so that a change of paths recompiles cli.c alone
.SECONDARY: $(CLI_OBJ) $(SAN_CLI_OBJ)

cmd/%.o: cmd/%.c $(CLI_HDRS) $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# a command is cmd/NAME.c, with cmd/NAME-*.c and cmd/NAME.h when it has halves
.SECONDEXPANSION:
cmd/%: cmd/%.c $$(wildcard cmd/$$*-*.c cmd/$$*.h) $(CLI_OBJ) lib/libcs.a $(HDRS) $(CLI_HDRS)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.c,$^) $(CLI_OBJ) lib/libcs.a $(PKG_LIBS)

tests/san/%.o: lib/%.c $(HDRS)
	@mkdir -p tests/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

tests/san/libcs.a: $(SAN_OBJ)
	rm -f $@ && ar rcs $@ $^

tests/san/cmd-%.o: cmd/%.c $(CLI_HDRS) $(HDRS)
	@mkdir -p tests/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

tests/san/cs%: cmd/cs%.c $$(wildcard cmd/cs$$*-*.c cmd/cs$$*.h) $(SAN_CLI_OBJ) tests/san/libcs.a $(HDRS) $(CLI_HDRS)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(filter %.c,$^) $(SAN_CLI_OBJ) tests/san/libcs.a $(PKG_LIBS)

# a unit test is its .c and the .c files it depends on, but for those it includes
# (test_fuzz_regress includes tests/fuzz/targets.c)
UNIT_C = $(filter-out tests/fuzz/%,$(filter %.c,$^))
tests/unit/test_%: tests/unit/test_%.c lib/libcs.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $(UNIT_C) lib/libcs.a $(UNIT_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

tests/san/test_%: tests/unit/test_%.c tests/san/libcs.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(SAN) $(CMOCKA_CFLAGS) -o $@ $(UNIT_C) tests/san/libcs.a $(UNIT_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# the tests that build scratch stores link tests/unit/fixture.c too
FIXTURE_TESTS = test_rules test_audit test_faults test_report
$(patsubst %,tests/unit/%,$(FIXTURE_TESTS)) $(patsubst %,tests/san/%,$(FIXTURE_TESTS)): \
	tests/unit/fixture.c tests/unit/fixture.h
# test_faults fails lib's calls of these at will (its __wrap_ functions)
FAULT_WRAP = -Wl,--wrap=write,--wrap=fsync,--wrap=rename,--wrap=git_reference_create_matching
tests/unit/test_faults tests/san/test_faults: UNIT_LDFLAGS = $(FAULT_WRAP)

po/locale/%/LC_MESSAGES/cs.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

unit: $(UNIT_BINS)
san: $(SAN_BINS) $(SAN_UNIT_BINS)

check: deps
	$(MAKE) all unit san $(FAULT_SHIMS) WERROR=-Werror
	sh tests/run.sh

demo: deps
	$(MAKE) all
	sh tests/demo.sh

tests/bench_parse: tests/bench_parse.c
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

bench: deps
	$(MAKE) all tests/bench_parse
	sh tests/bench.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/schemas \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	for c in $(CMD_BINS); do install -m 755 $$c $(DESTDIR)$(BINDIR)/; done
	for c in $(CMD_BINS); do install -m 644 $$c.1 $(DESTDIR)$(MANDIR)/man1/; done
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/schemas/
	# one completion file per shell: bash and fish find it by each command's name
	for c in $(notdir $(CMD_BINS)); do \
		install -m 644 completions/cs.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c; \
		install -m 644 completions/cs.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$c.fish; \
	done
	install -m 644 completions/_cs $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cs
	for m in $(MO); do l=$${m#po/locale/}; mkdir -p $(DESTDIR)$(LOCALEDIR)/$$(dirname $$l); \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l; done

# What install put there, by name, and nothing else; then the directories under
# share/cs if they are empty (the others are shared with other packages).
uninstall:
	for c in $(notdir $(CMD_BINS)); do \
		rm -f $(DESTDIR)$(BINDIR)/$$c $(DESTDIR)$(MANDIR)/man1/$$c.1 \
			$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c \
			$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$c.fish; \
	done
	rm -f $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cs
	for s in $(notdir $(SCHEMAS)); do rm -f $(DESTDIR)$(DATADIR)/schemas/$$s; done
	for m in $(MO); do rm -f $(DESTDIR)$(LOCALEDIR)/$${m#po/locale/}; done
	rmdir $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf lib/*.o cmd/*.o lib/libcs.a $(GEN_SRC) tests/bench_parse $(CMD_BINS) $(UNIT_BINS) tests/san po/locale \
		tests/tmp $(BUILD_PATHS) $(FAULT_SHIMS)

# --- soak and fuzz (issue 11): make soak, make fuzz --------------------------
# make soak: SOAK_WRITES writes from SOAK_PROCS processes on one store, bare and
# with a working tree (tests/soak/soak.sh). make fuzz: installs clang (for this
# target only), builds the libFuzzer targets of tests/fuzz/ over lib/ with
# ASan and UBSan, and runs each for FUZZ_TIME seconds (tests/fuzz/run.sh).
SOAK_WRITES ?= 1000
SOAK_PROCS ?= 16
FUZZ_TIME ?= 60
FUZZ_TARGETS = yaml schema csv date
FUZZ_CC = clang
FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJ = $(patsubst lib/%.c,tests/fuzz/obj/%.o,$(LIB_SRC)) tests/fuzz/obj/targets.o
FUZZ_BINS = $(patsubst %,tests/fuzz/fuzz_%,$(FUZZ_TARGETS))
.PHONY: soak fuzz fuzz-build clean-fuzz
.SECONDARY: $(FUZZ_OBJ)
soak: all
	@mkdir -p tests/tmp
	SOAK_WRITES=$(SOAK_WRITES) SOAK_PROCS=$(SOAK_PROCS) sh tests/soak/soak.sh | tee tests/tmp/soak.log
	@! grep -q '^not ok' tests/tmp/soak.log && grep -q '^ok' tests/tmp/soak.log
tests/fuzz/obj/%.o: lib/%.c $(HDRS)
	@mkdir -p tests/fuzz/obj
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<
tests/fuzz/obj/targets.o: tests/fuzz/targets.c tests/fuzz/targets.h $(HDRS)
	@mkdir -p tests/fuzz/obj
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<
tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/targets.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)
tests/unit/test_fuzz_regress tests/san/test_fuzz_regress: tests/fuzz/targets.c tests/fuzz/targets.h
fuzz-build: $(FUZZ_BINS)
fuzz:
	@sh tests/deps.sh $(DEB_PKGS) clang
	$(MAKE) fuzz-build WERROR=-Werror
	FUZZ_TIME=$(FUZZ_TIME) sh tests/fuzz/run.sh $(FUZZ_TARGETS)
clean: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/obj $(FUZZ_BINS)

# Fault injection (tests/faults/): an LD_PRELOAD shim that fails the Nth write, fsync,
# rename, open or allocation, or kills the command there; `make faults` runs every
# write command through it (tests/faults/run.sh), then the I/O faults again under
# AddressSanitizer with shim-io.so, which leaves the allocator alone.
.PHONY: faults
FAULT_SHIMS = tests/faults/shim.so tests/faults/shim-io.so
tests/faults/shim.so: tests/faults/shim.c
	$(CC) $(WARN) $(WERROR) $(CFLAGS) -fPIC -shared -DCS_SHIM_ALLOC -o $@ $< -ldl
tests/faults/shim-io.so: tests/faults/shim.c
	$(CC) $(WARN) $(WERROR) $(CFLAGS) -fPIC -shared -o $@ $< -ldl
faults: deps
	$(MAKE) all san $(FAULT_SHIMS) WERROR=-Werror
	sh tests/faults/run.sh; a=$$?; \
	CS_BIN=$(CURDIR)/tests/san FAULT_SHIM=$(CURDIR)/tests/faults/shim-io.so FAULT_MODES=fault \
		sh tests/faults/run.sh; b=$$?; [ $$a -eq 0 ] && [ $$b -eq 0 ]
