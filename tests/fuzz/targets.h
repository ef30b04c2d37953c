/* The fuzzing entry points (tests/fuzz/fuzz_*.c for libFuzzer, and
 * tests/unit/test_fuzz_regress.c replaying tests/fuzz/regress/): each
 * takes any bytes, drives one parser of lib/ with them and checks what
 * must hold of its answer; a broken promise is abort(). They return 0. */
#ifndef CS_FUZZ_TARGETS_H
#define CS_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* The YAML loader; a tree it gives is emitted, loaded again and emitted
 * again: the same tree, the same bytes; and as JSON, and packed. The bytes
 * are also unpacked as a cache file's tree (cs_node_unpack) and read as an
 * entry's facts (cs_facts_get). */
int cs_fuzz_yaml(const uint8_t *data, size_t size);
/* The schema validator: a document as an instance of every built-in
 * kind's schema; "SCHEMA\n----\nINSTANCE" as its own schema and instance;
 * a JSON-Schema-Test-Suite file (groups of schema and tests) as written. */
int cs_fuzz_schema(const uint8_t *data, size_t size);
/* The CSV reader (rows of the text as UTF-8 and as GBK; each cell written
 * by cs_csv_cell reads back as it was) and the importer
 * (cslog import) against the directory of $CS_TOP/records. */
int cs_fuzz_csv(const uint8_t *data, size_t size);
/* Dates, times, date-times, months, periods and weekly schedules, the whole
 * input and each line of it: what parses formats back as it was written;
 * a date's weekday and ISO week are the C library's. */
int cs_fuzz_date(const uint8_t *data, size_t size);
/* Removes the scratch store cs_fuzz_csv made (atexit does it too). */
void cs_fuzz_cleanup(void);

#endif
