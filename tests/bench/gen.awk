# The records of tests/bench/gen.sh as a git fast-import stream (stdout),
# a summary on stderr. Variables: n (entries), seed, ref (the branch),
# cal (the calendar files of 2024-2026). Run under LC_ALL=C: lengths are bytes.

function q(s) { return "'" s "'" }
function pick(list,   a, k) { k = split(list, a, "|"); return a[int(rand() * k) + 1] }
function rnd(lo, hi) { return lo + int(rand() * (hi - lo + 1)) }
function hm(m) { return sprintf("%02d:%02d", int(m / 60), m % 60) }
function dt(t) { return DATE[int(t / 1440)] "T" hm(t % 1440) }

# a unique event id for a day: a bijection of a counter onto 30 bits,
# written as 6 lower-case Crockford base32 characters
function newid(day,   x, s, i) {
	idn++
	x = (idn * 506952113 + 40503) % 1073741824
	x = (x % 32768) * 32768 + int(x / 32768)
	x = (x * 5772157 + 9173) % 1073741824
	x = (x % 32768) * 32768 + int(x / 32768)
	s = ""
	for (i = 0; i < 6; i++) {
		s = s substr(B32, x % 32 + 1, 1)
		x = int(x / 32)
	}
	return YMD[day] "-" s
}

function emit(path, body) {
	printf "M 100644 inline %s\ndata %d\n%s\n", path, length(body), body
}

function name() { return pick(SURNAMES) pick(GIVEN) }
function mobile() { return "1" pick("3|3|5|7|8|8|9") sprintf("%d%08d", rnd(0, 9), rnd(0, 99999999)) }

# the pairing of community c active on day d (its index in P*)
function pairing(c, d,   i) {
	for (i = PC[c, "first"]; i != ""; i = PNEXT[i])
		if (PFROM[i] <= d && (PTO[i] == "" || PTO[i] >= d))
			return i
	return ""
}

# the working day of community c's office hours in the week of day d
# (Monday) for pairing p: its schedule's day, else the next working day of
# that week, else the previous one
function oh_day(p, monday,   d, k) {
	d = monday + PWD[p] - 1
	if (WORK[d])
		return d
	for (k = d + 1; k < monday + 7; k++)
		if (WORK[k])
			return k
	for (k = d - 1; k >= monday; k--)
		if (WORK[k])
			return k
	return -1
}

# a random working day in [a, b], or a if there is none
function workday(a, b,   d, k) {
	for (k = 0; k < 50; k++) {
		d = rnd(a, b)
		if (WORK[d])
			return d
	}
	for (d = a; d <= b; d++)
		if (WORK[d])
			return d
	return a
}

# The sign-off fields of an entry served on day d, ended at minute e of that
# day, in community c: recorded_at soon after, signed_at by one of its heads
# within a week mostly; voided entries are left unsigned.
function tail(d, e, c, voidable,   rec, sig, k, r, s) {
	rec = d * 1440 + e + rnd(5, 110)
	if (rec % 1440 > 23 * 60)
		rec = (d + 1) * 1440 + rnd(8 * 60, 9 * 60 + 30)
	s = ""
	if (voidable && rand() < 0.004) {
		k = rec + rnd(1, 3) * 1440 + rnd(0, 300)
		if (k <= NOW) {
			NVOID++
			return "voided_at: " q(dt(k)) "\nvoid_reason: " pick(VOIDS) "\nrecorded_at: " q(dt(rec)) "\n"
		}
	}
	r = rand()
	if (r < 0.60)
		sig = rec + rnd(20, 600)
	else if (r < 0.975)
		sig = (int(rec / 1440) + rnd(1, 6)) * 1440 + rnd(9 * 60, 18 * 60)
	else if (r < 0.99)
		sig = (int(rec / 1440) + rnd(8, 14)) * 1440 + rnd(9 * 60, 18 * 60)
	else
		sig = NOW + 1
	if (sig <= NOW)
		s = "signed_by: " pick(HEADS[c]) "\nsigned_at: " q(dt(sig)) "\n"
	else
		NUNSIGNED++
	return s "recorded_at: " q(dt(rec)) "\n"
}

function head(kind, id, d, st, en, c, l, channel,   s) {
	s = "kind: " kind "\nid: " id "\ndate: " q(DATE[d]) "\n"
	if (st != "")
		s = s "start: " q(hm(st)) "\n"
	if (en != "")
		s = s "end: " q(hm(en)) "\n"
	if (c != "")
		s = s "community: " CSLUG[c] "\n"
	if (l != "")
		s = s "lawyer: " LSLUG[l] "\n"
	if (channel != "")
		s = s "channel: " channel "\n"
	return s
}

function resident(  nm, s) {
	nm = name()
	s = "target:\n  type: resident\n  name: " nm "\n"
	if (rand() < 0.9)
		s = s "  contact: " q(mobile()) "\n"
	LASTNAME = nm
	return s
}

function target(type, nm) { return "target:\n  type: " type "\n  name: " nm "\n" }

function logpath(c, d, id) {
	return "records/log/" CSLUG[c] "/" substr(YMD[d], 1, 4) "/" substr(YMD[d], 5, 2) "/" id ".yaml"
}

function entry(kind, c, d, body, st, en, channel, voidable,   p, l, id) {
	p = pairing(c, d)
	l = PLAW[p]
	id = newid(d)
	emit(logpath(c, d, id), head(kind, id, d, st, en, c, l, channel) body tail(d, en == "" ? (st == "" ? 17 * 60 : st + 30) : en, c, voidable))
	COUNT[kind]++
	NOUT++
}

function typical(p) { return rand() < p ? "typical: true\n" : "" }

function service_start() { return rnd(17, 38) * 30 - rnd(0, 2) * 5 }

# --- the kinds ---------------------------------------------------------

function office_hours(c, d, p,   k, body) {
	k = rnd(2, 9)
	body = target("group", "来访居民") "content: 律师工作室坐班，接待居民" k "人次，" pick(OH_WORK) "\nresult: " pick(OH_RESULT) "\nplace: " PPLACE[p] "\n"
	entry("office-hours", c, d, body, PST[p] + (rand() < 0.02 ? rnd(1, 15) : 0), PEN[p], "in-person", 0)
}

function consultation(c, d,   st, k, body, ch) {
	st = service_start()
	k = int(rand() * NCONS) + 1
	ch = pick(CHANNELS)
	body = resident() "content: " pick(CONS_PRE) CONS_C[k] "\nresult: " CONS_R[k] "\n" typical(0.02)
	entry("consultation", c, d, body, st, st + rnd(2, 12) * 5, ch, 1)
}

function mediation(c, d,   st, k, body, a) {
	st = rnd(18, 38) * 30
	k = int(rand() * NMED) + 1
	body = resident()
	a = LASTNAME
	body = body "content: " MED_C[k] "\nresult: " MED_R[k] "\n" typical(0.04) "parties:\n- " a "\n- " name() "\noutcome: " MED_O[k] "\n"
	entry("mediation", c, d, body, st, st + rnd(4, 12) * 10, "in-person", 1)
}

function lecture(c, d,   st, t, k, body) {
	st = pick("570|600|840|870|900|1140")
	t = pick(TOPICS)
	k = rnd(18, 80)
	body = target("group", CNAME[c] "居民") "content: 在社区活动室举办“" t "”法制讲座，结合典型案例讲解并现场答疑。\nresult: 到场居民" k "人，现场解答提问" rnd(2, 12) "个，发放宣传资料" k + rnd(10, 60) "份。\ntopic: " t "\nattendees: " k "\n"
	entry("lecture", c, d, body, st, st + rnd(6, 9) * 10, "in-person", 1)
}

function training(c, d,   st, t, k, a, body) {
	st = pick("570|600|840|870")
	t = pick(TRAININGS)
	k = rnd(8, 30)
	a = pick("mediators|community-workers|both")
	body = target(a == "both" ? "community-workers" : a, a == "mediators" ? CNAME[c] "人民调解员" : CNAME[c] "工作人员") "content: 为" (a == "mediators" ? "社区人民调解员" : a == "both" ? "社区工作人员和人民调解员" : "社区工作人员") "开展“" t "”业务培训。\nresult: 参训" k "人，发放培训讲义，课后完成案例讨论。\ntopic: " t "\nattendees: " k "\naudience: " a "\n"
	entry("training", c, d, body, st, st + rnd(9, 15) * 10, "in-person", 1)
}

function publicity(c, d,   st, t, body) {
	st = pick("540|570|840|900")
	t = pick(CAMPAIGNS)
	body = target("group", CNAME[c] "居民") "content: 在" pick("社区广场|小区门口|社区服务中心门前|菜市场入口") "设摊开展“" t "”法治宣传，发放资料并现场咨询。\nresult: 发放宣传资料" rnd(8, 30) * 10 "余份，现场解答咨询" rnd(5, 30) "人次。\n"
	entry("publicity", c, d, body, st, st + rnd(6, 15) * 10, "in-person", 1)
}

function drafting(c, d,   st, k, body) {
	st = service_start()
	k = int(rand() * NDRAFT) + 1
	body = (DRAFT_T[k] == "resident" ? resident() : target("committee", CNAME[c] "居委会")) "content: " DRAFT_C[k] "\nresult: " DRAFT_R[k] "\n"
	entry("drafting", c, d, body, st, st + rnd(6, 18) * 10, pick("in-person|in-person|email|online"), 1)
}

function negotiation(c, d,   st, k, body) {
	st = pick("570|600|840|870")
	k = int(rand() * NNEG) + 1
	body = target("committee", CNAME[c] "居委会") "content: " NEG_C[k] "\nresult: " NEG_R[k] "\n"
	entry("negotiation", c, d, body, st, st + rnd(9, 18) * 10, "in-person", 1)
}

function research(c, d,   st, k, body) {
	st = pick("570|600|840|870")
	k = int(rand() * NRES) + 1
	body = target("committee", CNAME[c] "居委会") "content: " RES_C[k] "\nresult: " sprintf(RES_R[k], rnd(8, 30)) "\n"
	entry("research", c, d, body, st, st + rnd(9, 15) * 10, "in-person", 1)
}

function legal_aid(c, d,   st, k, body) {
	st = service_start()
	k = int(rand() * NAID) + 1
	body = resident() "content: " AID_C[k] "\nresult: 材料齐全，已转介区法律援助中心，" pick("当日受理。|次日受理。|三日内受理。") "\n" typical(0.05) "aid_org: 滨江区法律援助中心\n"
	entry("legal-aid", c, d, body, st, st + rnd(6, 12) * 5, "in-person", 1)
}

function conflict(c, d,   st, k, body) {
	st = rnd(18, 38) * 30
	k = int(rand() * NCONF) + 1
	body = target("group", CNAME[c] "部分居民") "content: " CONF_C[k] "\nresult: " CONF_R[k] "\nparties:\n- " CNAME[c] "部分居民（约" rnd(5, 40) "户）\n- " CONF_P[k] "\nreported_to:\n- " ONAME[COFF[c]] "\n- 区司法局指导检查小组办公室\n"
	entry("conflict-report", c, d, body, st, st + rnd(6, 15) * 10, "in-person", 1)
}

function request(c, d,   st, rec, acc, k, body, r, nm, w, dd) {
	st = service_start()
	k = int(rand() * NREQ) + 1
	body = resident()
	nm = LASTNAME
	# accepted within 2 working days mostly, some late, a few still open
	r = rand()
	w = r < 0.55 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : r < 0.99 ? rnd(3, 4) : -1
	acc = ""
	if (w >= 0) {
		dd = d
		while (w > 0 || !WORK[dd]) {
			dd++
			if (WORK[dd])
				w--
		}
		acc = dd * 1440 + (dd == d ? st + rnd(10, 120) : rnd(8 * 60 + 30, 17 * 60))
		if (acc > NOW)
			acc = ""
	}
	if (acc == "")
		NOPEN++
	body = body "content: " REQ_C[k] "\nresult: " (acc == "" ? "已登记，待受理。" : REQ_R[k]) "\nreceived_at: " q(DATE[d] "T" hm(st)) "\n" (acc == "" ? "" : "accepted_at: " q(dt(acc)) "\n") "from: 居民" nm "\n"
	entry("request", c, d, body, st, "", pick("in-person|phone|phone|online"), 1)
}

function gift(c, d,   st, body, r, nm) {
	st = rnd(18, 34) * 30
	body = resident()
	nm = LASTNAME
	r = rand()
	if (r < 0.92)
		body = body "content: " pick("赡养纠纷调解成功后|劳动报酬追回后|邻里纠纷化解后|继承纠纷调解成功后") "，当事人家属到工作室赠送锦旗一面，上书“" pick(BANNERS) "”。\nresult: 锦旗已登记并在工作室展示，未接受其他财物。\nitem: 锦旗\nvalue: " rnd(8, 30) * 10 "\n"
	else if (r < 0.97)
		body = body "content: 当事人送来水果一箱表示感谢。\nresult: 当场婉拒未果，已登记并报告司法所。\nitem: 水果\nvalue: " rnd(5, 20) * 10 "\n"
	else
		body = body "content: 当事人赠送购物卡一张表示感谢。\nresult: 律师收下购物卡，已登记。\nitem: 购物卡\nvalue: 500\n"
	entry("gift", c, d, body "giver: " nm "\n", st, "", "in-person", 0)
}

function representation(c, d,   body, t, op, no, cl) {
	t = rand() < 0.9 ? "organisation" : rand() < 0.7 ? "other" : "resident"
	op = t == "organisation" ? pick(COMPANIES) : t == "other" ? "外区居民" name() : CNAME[c] "居民" substr(name(), 1, 3) "某"
	no = "（" substr(YMD[d], 1, 4) "）滨0105民初" rnd(1000, 9999) "号"
	cl = pick(CLIENTS)
	body = "content: 申报代理案件：律师接受" cl "委托，代理其与" op "的" pick(CASES) "纠纷。\nresult: " (t == "resident" ? "社区提出异议，已报" ONAME[COFF[c]] "处理。" : "已登记，对方当事人与本社区无关联。") "\ncase_no: " no "\nparties:\n- " cl "\n- " op "\nclient: " cl "\nopposing: " op "\nopposing_type: " t "\nforum: " pick("litigation|litigation|arbitration") "\n"
	entry("representation", c, d, body, "", "", "", 0)
}

function visit(c, d,   st, body, m) {
	st = rnd(18, 32) * 30
	m = substr(YMD[d], 5, 2) + 0
	body = "content: 司法所走访律师工作室，查看" m "月工作日志和咨询台账，听取律师工作情况汇报。\nresult: " pick(VISIT_R) "\noffice: " OSLUG[COFF[c]] "\nvisitor: " ONAME[COFF[c]] OVISITOR[COFF[c]] "\nevaluation: " pick("合格|合格|良好|良好|优秀") "\n"
	entry("visit", c, d, body, st, st + rnd(3, 8) * 10, "in-person", 0)
}

function spot_check(c, d,   p, st, body, fail) {
	p = pairing(c, d)
	st = PST[p] + rnd(3, 20) * 5
	fail = rand() < 0.07
	body = "content: " (fail ? pick("抽查时律师不在工作室，电话联系称在法院出庭，事先未告知社区和司法所。|抽查时律师未到岗，工作室无人值守。") : pick("抽查时律师在岗，正在接待来访居民，工作日志记录完整。|抽查时律师在岗，咨询台账和工作日志记录规范。")) "\nresult: " (fail ? "fail" : "pass") "\noffice: " OSLUG[COFF[c]] "\ninspector: 区司法局法律服务管理科 " pick(INSPECTORS) "\n"
	entry("spot-check", c, d, body, st, st + rnd(2, 6) * 5, "in-person", 0)
}

function feedback(c, d, qtr,   s, r, body, by) {
	r = rand()
	s = r < 0.45 ? 5 : r < 0.85 ? 4 : r < 0.99 ? 3 : 2
	by = pick(HEADS[c])
	body = target("committee", CNAME[c] "居委会") "content: 第" qtr "季度社区对律师服务的评价。\nresult: " FEED_R[s] "\nscore: " s "\nby: " by "\n"
	entry("feedback", c, d, body, "", "", "", 0)
}

function meeting(type, d, what,   id, body, i, st) {
	id = newid(d)
	st = type == "exchange" ? 840 : 570
	body = "kind: meeting\nid: " id "\ndate: " q(DATE[d]) "\nstart: " q(hm(st)) "\nend: " q(hm(st + 120 + rnd(0, 3) * 10)) "\nchannel: in-person\ncontent: " what "\nresult: " pick(type == "exchange" ? MEET_XR : MEET_R) "\nmeeting_type: " type "\nattendees: " rnd(14, 30) "\nparticipants:\n- 区司法局指导检查小组办公室\n"
	for (i = 1; i <= NOFF; i++)
		body = body "- " ONAME[i] "\n"
	for (i = 1; i <= NFIRM; i++)
		body = body "- " FNAME[i] "\n"
	body = body "recorded_at: " q(DATE[d] "T" hm(st + 180)) "\n"
	emit("records/meetings/" substr(YMD[d], 1, 4) "/" id ".yaml", body)
	COUNT["meeting"]++
	NOUT++
}

# --- the directory -------------------------------------------------------

# the pairings: one per community from 2024-01-01; four change lawyer
function pairings(   i, c, p, a, f, eff, ch, old) {
	for (c = 1; c <= NCOM; c++) {
		p = ++NP
		PC[c, "first"] = p
		PCOM[p] = c
		PLAW[p] = c
		PFROM[p] = 0
		PTO[p] = ""
		PWD[p] = (c - 1) % 5 + 1
		PST[p] = c % 2 ? 540 : 840
		PEN[p] = c % 2 ? 720 : 1050
		PPLACE[p] = CWORK[c]
		PAGREE[p] = "BJ-2024-" sprintf("%02d", c)
		PID[p] = newid(0)
		PADATE[p] = DAYNUM["2023-12-" sprintf("%02d", 10 + c % 15)]
	}
	split("3 8 13 18", a, " ")
	split("2025-03-01 2025-09-01 2026-03-01 2026-07-01", f, " ")
	for (i = 1; i <= 4; i++) {
		c = a[i] + 0
		old = PC[c, "first"]
		eff = DAYNUM[f[i]]
		p = ++NP
		PCOM[p] = c
		PLAW[p] = NCOM + i
		PFROM[p] = eff
		PTO[p] = ""
		PWD[p] = PWD[old]
		PST[p] = PST[old]
		PEN[p] = PEN[old]
		PPLACE[p] = PPLACE[old]
		PAGREE[p] = PAGREE[old]
		PADATE[p] = PADATE[old]
		PID[p] = newid(eff)
		PTO[old] = eff - 1
		PNEXT[old] = p
		PREASON[old] = pick("原社区律师工作调动，律师事务所另行指派律师。|原社区律师因病无法继续履职，经协商更换律师。|原社区律师年度考核后调整，律师事务所另行指派。")
		ch = newid(eff - 20)
		CHID[i] = ch
		CHOLD[i] = old
		CHNEW[i] = p
		CHEFF[i] = eff
		PCHANGE[p] = ch
		PREPL[p] = PID[old]
	}
}

function directory(   i, c, l, p, s, a, k, eff, ch, old, idc) {
	for (i = 1; i <= NOFF; i++)
		emit("records/offices/" OSLUG[i] ".yaml", "kind: office\nid: " OSLUG[i] "\nname: " ONAME[i] "\naddress: 滨江区" OADDR[i] "\nphone: 0571-8690-" (1100 + i * 11) "\n")
	for (i = 1; i <= NFIRM; i++)
		emit("records/firms/" FSLUG[i] ".yaml", "kind: firm\nid: " FSLUG[i] "\nname: " FNAME[i] "\nphone: 0571-8702-" (2200 + i * 37) "\naddress: 滨江区" FADDR[i] "\n")
	for (i = 1; i <= NLAW; i++)
		emit("records/lawyers/" LSLUG[i] ".yaml", "kind: lawyer\nid: " LSLUG[i] "\nname: " LNAME[i] "\nfirm: " FSLUG[LFIRM[i]] "\nphone: " q(sprintf("139%08d", 1000 + i)) "\nemail: " LSLUG[i] "@" FSLUG[LFIRM[i]] "-law.example.cn\nlicence: " q(sprintf("1330120%04d%06d", 2005 + i % 15, 100000 + i * 7919 % 900000)) "\nphoto: photos/" LSLUG[i] ".jpg\n")
	for (c = 1; c <= NCOM; c++) {
		s = "kind: community\nid: " CSLUG[c] "\nname: " CNAME[c] "\noffice: " OSLUG[COFF[c]] "\nheads:\n"
		k = split(HEADS[c], a, "|")
		for (i = 1; i <= k; i++)
			s = s "- " a[i] "\n"
		emit("records/communities/" CSLUG[c] ".yaml", s "workroom: " CWORK[c] "\n")
	}
	for (i = 1; i <= 4; i++) {
		ch = CHID[i]
		old = CHOLD[i]
		p = CHNEW[i]
		eff = CHEFF[i]
		emit("records/changes/" ch ".yaml", "kind: change\nid: " ch "\nassignment: " PID[old] "\nfiled: " q(DATE[eff - 20]) "\neffective: " q(DATE[eff]) "\nreason: " PREASON[old] "\nlawyer: " LSLUG[PLAW[p]] "\nnew_assignment: " PID[p] "\noutcome: applied\n")
	}
	for (p = 1; p <= NP; p++) {
		l = PLAW[p]
		idc = PCOM[p]
		s = "kind: assignment\nid: " PID[p] "\nfirm: " FSLUG[LFIRM[l]] "\nlawyer: " LSLUG[l] "\ncommunity: " CSLUG[idc] "\nfrom: " q(DATE[PFROM[p]]) "\n"
		if (PTO[p] != "")
			s = s "to: " q(DATE[PTO[p]]) "\n"
		s = s "schedule: " WDNAME[PWD[p]] " " hm(PST[p]) "-" hm(PEN[p]) "\nplace: " PPLACE[p] "\nagreement: " PAGREE[p] "\nagreement_date: " q(DATE[PADATE[p]]) "\n"
		if (PTO[p] != "")
			s = s "end_reason: " PREASON[p] "\n"
		if (PREPL[p] != "")
			s = s "replaces: " PREPL[p] "\nchange: " PCHANGE[p] "\n"
		emit("records/assignments/" PID[p] ".yaml", s)
	}
}

# --- the calendar and the data -------------------------------------------

function calendar(   files, i, k, line, sect, d) {
	k = split(cal, files, " ")
	for (i = 1; i <= k; i++) {
		sect = ""
		while ((getline line < files[i]) > 0) {
			if (line ~ /^holidays:/)
				sect = "h"
			else if (line ~ /^workdays:/)
				sect = "w"
			else if (match(line, /date: '[0-9-]+'/)) {
				d = substr(line, RSTART + 7, 10)
				if (d in DAYNUM)
					HOLI[DAYNUM[d]] = sect
			}
		}
		close(files[i])
	}
}

function days(   y, m, d, i, ml, wd) {
	split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
	i = -31	# 2023-12-01, a Friday; day 0 is 2024-01-01, a Monday
	for (y = 2023; y <= 2027; y++)
		for (m = 1; m <= 12; m++) {
			if (y == 2023 && m < 12)
				continue
			for (d = 1; d <= ml[m] + (m == 2 && y % 4 == 0); d++) {
				DATE[i] = sprintf("%04d-%02d-%02d", y, m, d)
				YMD[i] = sprintf("%04d%02d%02d", y, m, d)
				DAYNUM[DATE[i]] = i
				MONTH[i] = (y - 2024) * 12 + m - 1
				i++
			}
		}
	LASTDAY = i - 1
}

function data(   i, a, k) {
	B32 = "0123456789abcdefghjkmnpqrstvwxyz"
	split("Mon Tue Wed Thu Fri Sat Sun", WDNAME, " ")
	SURNAMES = "王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|曹|彭|曾|肖|田|董|袁|潘|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|范|金|石|廖|贾|夏|韦|方|白|邹|孟|熊|秦|邱|江|尹|薛|段|雷|侯|龙|史|陶|黎|贺|顾|毛|郝|龚|邵|万|钱|严|戴|孔|汤"
	GIVEN = "秀英|桂英|秀兰|玉兰|桂兰|秀珍|凤英|建国|建华|建军|国强|国华|志强|志明|丽娟|丽华|晓明|晓燕|海燕|海波|文斌|文华|子轩|梓涵|浩然|雨桐|金凤|永刚|永红|月娥|荣华|美华|立新|丽萍|桂芳|玉梅|春梅|红梅|淑珍|德明|德华|宏伟|俊杰|思远|欣怡|佳怡|婷|磊|军|洋|敏|静|伟|芳|娜|杰|涛|明|超|勇|艳|刚|平|辉|鹏|华|红|霞|斌|强|燕|琳|颖|倩|浩|宇|凯|帆"
	CHANNELS = "in-person|in-person|in-person|in-person|in-person|in-person|phone|phone|phone|online|online|email"
	CONS_PRE = "|||居民来访|居民来电|"
	NOFF = split("chengguan-office|hexi-office|donggang-office|lianhua-office", OSLUG, "|")
	split("城关司法所|河西司法所|东港司法所|莲花司法所", ONAME, "|")
	split("城关街道解放路120号|河西街道滨河路66号|东港镇港城大道18号|莲花街道莲花路301号", OADDR, "|")
	split("副所长 吴晓燕|副所长 周建平|所长 钱玉华|副所长 沈立群", OVISITOR, "|")
	NFIRM = split("zhengda|mingjian|hengping|xincheng|hongfa|zhongzheng|tianping|zhiyuan", FSLUG, "|")
	split("正达律师事务所|明鉴律师事务所|衡平律师事务所|信诚律师事务所|弘法律师事务所|中正律师事务所|天平律师事务所|致远律师事务所", FNAME, "|")
	split("江南大道1888号B座8楼|解放路56号5楼|滨河路201号金融大厦12楼|港城大道99号3楼|莲花路18号弘法大厦6楼|城关街道人民路8号2楼|滨江路450号天平大厦15楼|江南大道366号致远中心9楼", FADDR, "|")
	NLAW = split("wang-li|zhang-wei|li-na|chen-jie|zhao-min|liu-yang|yang-fan|huang-lei|zhou-jing|wu-hao|xu-qian|sun-peng|hu-jun|zhu-lin|gao-feng|lin-xue|he-bin|guo-hui|ma-li|luo-ming|liang-yu|song-jia|zheng-kai|xie-ting", LSLUG, "|")
	split("王丽|张伟|李娜|陈杰|赵敏|刘洋|杨帆|黄磊|周静|吴昊|徐倩|孙鹏|胡军|朱琳|高峰|林雪|何斌|郭辉|马丽|罗明|梁宇|宋佳|郑凯|谢婷", LNAME, "|")
	for (i = 1; i <= NLAW; i++)
		LFIRM[i] = (i - 1) % NFIRM + 1
	NCOM = split("xinqiao|chunshen|donghu|nanyuan|minghua|huating-xincun|lianhua|hexi|binjiang|cuizhu|guiyuan|meilin|songbai|fenglin|jinqiao|yinxing|haitang|zijing|wangjiang|qingyun", CSLUG, "|")
	split("新桥社区|春申社区|东湖社区|南苑社区|明华社区|华亭新村社区|莲花社区|河西社区|滨江社区|翠竹社区|桂园社区|梅林社区|松柏社区|枫林社区|金桥社区|银杏社区|海棠社区|紫荆社区|望江社区|青云社区", CNAME, "|")
	split("孙建国/李秀兰|韩桂芳|钱美华/周海涛|郑丽萍/孙立新|何玉兰/许文斌|陆文华/姚建新/金小梅|蒋春燕|沈国良/杜玉珍|潘志刚/曹丽娟|吕淑芬|袁德明/彭桂香|邹红梅/叶建平|魏长林|贺美玲/程国庆|苏建华/田秀云|龚晓东|邵雅琴/万国栋|石玉凤/方志勇/崔丽|薛文杰|戴春花/汤永福", a, "|")
	for (i = 1; i <= NCOM; i++) {
		HEADS[i] = a[i]
		gsub("/", "|", HEADS[i])
		COFF[i] = int((i - 1) / 5) + 1
		CWORK[i] = CNAME[i] pick("居委会一楼律师工作室|党群服务中心二楼律师工作室|邻里中心三楼律师工作室|服务站二楼律师工作室") "（" substr(CNAME[i], 1, 6) "路" rnd(1, 300) "号）"
		CW[i] = 0.6 + ((i * 7) % 10) / 10
	}
	NCONS = split("房屋租赁合同到期后房东不退押金如何处理。|父亲去世后未立遗嘱，老宅如何在兄妹间继承。|公司拖欠两个月工资应如何维权。|离婚时婚后购买的房屋如何分割。|邻居装修造成自家墙面开裂的赔偿问题。|网购商品质量有问题，商家拒绝退货。|老人被推销保健品骗取钱款，能否追回。|小区物业费上涨是否合法。|交通事故对方全责但拒绝赔偿。|借给朋友的钱到期不还，只有微信聊天记录。|子女不履行赡养义务，老人如何主张权利。|工伤认定的申请时限和所需材料。|二手房买卖定金能否退还。|宅基地上房屋翻建需要办理哪些手续。|未签劳动合同能否要求双倍工资。|楼上漏水导致家中财物受损的责任。|遗嘱有哪几种形式，效力如何。|宠物狗咬伤人的赔偿责任。|退休后返聘发生纠纷是否属于劳动争议。|孩子在学校受伤，学校是否应担责。|被拉入网络刷单兼职群后转账被骗。|个人信息被泄露后频繁接到推销电话。|共有房屋一方擅自出租的问题。|小区停车位收费与车位归属。|合伙开店散伙后账目如何清算。|征收补偿标准和安置方式。|离职后公司不出具离职证明。|夫妻一方婚前个人债务是否由另一方承担。|居住权如何设立和登记。|装修公司延期交付和质量问题。", a, "|")
	for (i = 1; i <= NCONS; i++)
		CONS_C[i] = "咨询" a[i]
	split("告知可先协商，协商不成可申请人民调解或向法院起诉，提示保留租赁合同和转账凭证。|讲解法定继承顺序和份额，建议先协商签订遗产分割协议或办理继承公证。|告知可向劳动保障监察部门投诉或申请劳动仲裁，提示收集考勤和工资流水。|讲解夫妻共同财产的认定和分割原则，建议先行协商。|建议先由物业和居委会协调，必要时委托鉴定并主张赔偿。|告知七日无理由退货规定和消费者投诉渠道。|建议立即报警并保留购买凭证，讲解防范养老诈骗知识。|讲解物业服务合同和业主大会的相关规定，建议通过业主委员会协商。|告知可凭事故认定书向保险公司理赔或提起诉讼。|讲解电子证据的效力，建议整理转账记录后发律师函或起诉。|讲解赡养义务的法律规定，可先申请人民调解，也可起诉要求支付赡养费。|告知应在事故伤害发生之日起一年内申请，列明所需材料清单。|讲解定金罚则，结合合同约定分析退还条件。|告知向镇政府申请规划许可，提示不得违法占地。|讲解未签书面劳动合同的二倍工资规定和仲裁时效。|建议拍照留证，与楼上住户及物业协商，协商不成可诉讼。|讲解自书、代书、打印、录音录像和公证遗嘱的要件。|讲解饲养动物损害责任，建议保留就医票据。|说明返聘一般按劳务关系处理，建议依据劳务协议协商。|讲解教育机构的责任认定规则，建议调取监控并与学校协商。|建议立即报警并冻结相关账户，讲解电信网络诈骗的常见手法。|讲解个人信息保护法相关规定和投诉渠道。|讲解共有物管理规则，建议协商收益分配。|讲解车位权属的法律规定，建议查阅购房合同和规划文件。|建议委托第三方审计，依据合伙协议分配。|讲解征收补偿的相关规定，建议核对评估报告。|告知用人单位应当出具解除劳动合同证明，可向劳动监察投诉。|讲解夫妻债务认定规则，婚前个人债务原则上由本人承担。|讲解民法典居住权制度，告知须订立书面合同并办理登记。|建议依据装修合同主张违约责任，必要时申请质量鉴定。", CONS_R, "|")
	NMED = split("邻里噪音纠纷：楼上住户夜间噪音影响楼下老人休息。|相邻通行纠纷：一户在公共过道堆放杂物影响通行。|赡养纠纷：三兄妹对父母赡养费分担有分歧。|房屋漏水纠纷：楼上卫生间漏水造成楼下天花板受损。|物业纠纷：业主以服务不到位为由拒交物业费。|宠物伤人纠纷：居民遛狗未牵绳，狗咬伤邻居小孩。|婚姻家庭纠纷：夫妻因子女抚养问题长期争吵。|劳务费纠纷：装修工人与业主之间劳务费结算争议。|租赁纠纷：租客提前退租，房东扣留全部押金。|继承纠纷：兄弟二人对父母遗留房屋的分配有争议。", MED_C, "|")
	split("经调解双方达成谅解，楼上住户承诺晚十点后减少噪音。|当事人同意三日内清理杂物，恢复通行。|达成每月分担赡养费的书面协议。|双方对赔偿金额分歧较大，约定下周再次调解。|物业承诺整改，业主同意补交物业费。|双方未能达成一致，告知可通过诉讼解决。|双方同意共同承担抚养责任，签订调解协议。|双方确认结算金额，业主当场支付。|房东同意退还大部分押金，双方签字确认。|双方分歧较大，建议申请司法确认前再次协商。", MED_R, "|")
	split("settled|settled|settled|ongoing|settled|not-settled|settled|settled|settled|ongoing", MED_O, "|")
	TOPICS = "民法典婚姻家庭编解读|防范电信网络诈骗|防范养老诈骗|消费者权益保护|老年人权益保障|未成年人保护法|劳动合同法常识|遗嘱与继承|物业管理条例解读|反家庭暴力法|个人信息保护|禁毒法治宣传|宪法宣传|民间借贷风险防范|居住权与以房养老"
	TRAININGS = "人民调解工作方法与技巧|社区治理中的合同审查要点|矛盾纠纷排查化解|民法典在基层治理中的运用|调解协议书的制作规范|信访工作法治化|居民公约的制定与修订"
	CAMPAIGNS = "民法典宣传月|宪法宣传周|全民国家安全教育日|防范非法集资宣传|禁毒宣传|消费者权益日|反诈宣传进社区"
	NDRAFT = split("审核社区居民公约修订稿。|为社区起草物业服务合同补充协议。|审核社区与保洁公司的服务合同。|为居民起草借款合同。|为居民起草遗嘱草稿。|审核社区老年食堂合作协议。|为居民起草房屋租赁合同。|审核社区活动场地使用协议。", DRAFT_C, "|")
	split("对养犬管理、公共区域使用等条款提出修改意见，已书面反馈。|补充违约责任和服务标准条款，已交居委会审定。|指出付款和解除条款的风险，建议修改后签署。|起草完毕，提示约定利率不得超过法定上限。|草稿已交居民，提示须本人书写或见证人在场。|建议增加食品安全责任条款。|起草完毕，提示办理租赁登记备案。|建议明确安全责任和损坏赔偿。", DRAFT_R, "|")
	split("committee|committee|committee|resident|resident|committee|resident|committee", DRAFT_T, "|")
	NNEG = split("参加社区加装电梯项目与施工单位的合同谈判。|参加社区停车场委托管理合同谈判。|参加社区与物业公司的续聘合同谈判。|参加社区文化活动中心租赁合同谈判。", NEG_C, "|")
	split("就工期、质保期和付款节点达成一致，合同条款已完善后签署。|就收费标准和管理责任达成一致，待居委会会议通过。|就服务标准和考核办法达成一致，合同已签署。|双方就租金和期限仍有分歧，约定再次协商。", NEG_R, "|")
	NRES = split("走访社区老年人，了解其法律服务需求。|调研老旧小区改造中的矛盾纠纷。|调研社区外来务工人员劳动权益状况。|走访沿街商铺，了解租赁纠纷情况。", RES_C, "|")
	split("共走访%d户，需求集中在遗嘱继承和防诈骗，已纳入下季度讲座计划。|梳理矛盾纠纷%d件，形成调研报告报送司法所。|走访务工人员%d人，欠薪问题已转劳动监察部门。|走访商铺%d家，整理租赁合同常见问题清单。", RES_R, "|")
	NAID = split("农民工追索劳动报酬，协助申请法律援助。|残疾居民追索赡养费，经济困难，协助申请法律援助。|交通事故受害人经济困难，协助申请法律援助。|低保户遭遇工伤，协助申请法律援助。", AID_C, "|")
	NCONF = split("部分居民对老旧小区改造停车方案有异议，聚集到社区反映意见。律师到场解释政策、疏导情绪，并当即报告。|某楼栋居民因电梯维修费用分摊发生争执，律师到场讲解相关规定，并当即报告。|沿街商铺租户与业主因租金上涨发生冲突，律师到场劝解，并当即报告。", CONF_C, "|")
	split("居民情绪平稳后离开，街道承诺召开听证会，后续跟进。|双方同意由业主委员会召集协商，后续跟进。|双方同意通过调解解决，已移交人民调解委员会。", CONF_R, "|")
	split("街道老旧小区改造办公室|小区物业服务中心|商铺业主代表", CONF_P, "|")
	NREQ = split("居民请求律师就劳动争议仲裁提供帮助。|居民请求律师协助起草遗嘱。|居民请求律师审查购房合同。|居民请求律师参与家庭纠纷调解。|居民请求律师协助追讨借款。|居民请求律师解答拆迁补偿问题。", REQ_C, "|")
	split("已受理，告知准备劳动合同、工资流水等材料。|已受理，约定时间到工作室面谈。|已受理，合同审查意见已书面反馈。|已受理，约定周末上门调解。|已受理，告知准备借条和转账记录。|已受理，约定坐班时间当面解答。", REQ_R, "|")
	BANNERS = "法暖人心 情系百姓|排忧解难 为民服务|秉公执法 热心为民|专业敬业 法律卫士|情系社区 法护万家"
	COMPANIES = "某房地产经纪有限公司|某建筑工程有限公司|某物业服务有限公司|某商贸有限公司|某科技有限公司|某餐饮管理有限公司"
	CLIENTS = "外区某房地产经纪有限公司|某建材有限公司|外区居民刘某|某运输有限公司|外区某物流有限公司"
	CASES = "居间合同|买卖合同|建设工程施工合同|劳动争议|民间借贷|租赁合同"
	INSPECTORS = "陈志明|徐立华|李海燕|王建新"
	VISITS = ""
	VISIT_R = "工作台账规范，居民反映良好，建议加强法制宣传。|工作台账规范，咨询记录完整。|律师按时坐班，建议完善咨询回访记录。|工作日志填写及时，建议增加讲座场次。"
	split("|律师服务不够及时，希望改进。|律师服务较好，偶有未按时坐班，希望改进。|律师业务能力较强，工作认真负责。|律师服务热情周到，居民满意度高。", FEED_R, "|")
	MEET_R = "通报抽查情况并要求整改；部署下季度讲座和培训计划。|通报走访和抽查结果；部署年度考核工作。|总结工作经验，表彰优秀社区律师，部署下阶段工作。"
	MEET_XR = "推广法律援助转介做法，统一工作日志填写要求。|交流典型案例调解经验，形成经验材料印发各社区。"
	OH_WORK = "整理本周法律咨询记录。|为居民解答法律问题。|整理咨询台账和工作日志。|接待来访并登记服务需求。"
	OH_RESULT = "咨询记录已归档，无遗留事项。|有需跟进事项已登记。|咨询台账已更新。"
	VOIDS = "重复登记，作废。|日期填写错误，已重新登记。|误录入其他社区记录，作废。"
}

# --- the entries ---------------------------------------------------------

# The structure of [first, last]: office hours weekly, visits monthly,
# feedback, a lecture each quarter, a training a year, two spot checks a
# year, the meetings. Emits with e, else only counts (the count does not
# depend on the random numbers).
function structure(first, last, e,   total, c, mo, m0, d, p, k, a, b, y, qq, h, mon) {
	total = 0
	for (c = 1; c <= NCOM; c++)
		for (mon = first - (first % 7); mon <= last; mon += 7) {
			p = pairing(c, mon + 3)
			if (p == "")
				continue
			d = oh_day(p, mon)
			if (d < first || d > last || pairing(c, d) == "")
				continue
			total++
			if (e)
				office_hours(c, d, pairing(c, d))
		}
	m0 = MONTH[first]
	for (mo = m0; mo <= 35; mo++) {
		a = MSTART[mo]
		b = MSTART[mo + 1] - 1
		y = 2024 + int(mo / 12)
		for (c = 1; c <= NCOM; c++) {
			total++
			if (e)
				visit(c, workday(a + 7, a + 24))
			if (mo % 3 == 2) {
				total++
				if (e)
					feedback(c, workday(a + 19, a + 27), substr("一二三四", 1 + 3 * int((mo % 12) / 3), 3))
			}
		}
		if (mo % 3 == 2) {
			total++
			if (e)
				meeting("joint", workday(a + 14, a + 27), y "年第" substr("一二三四", 1 + 3 * int((mo % 12) / 3), 3) "季度联席会议：各律师事务所和社区律师汇报坐班、讲座和调解情况，各司法所通报走访和抽查结果。")
		}
		if (mo % 12 == 5 || mo % 12 == 11) {
			total++
			if (e)
				meeting("summary", workday(a + 20, b - 3), y "年" (mo % 12 == 5 ? "上半年" : "度") "社区律师工作总结会议：总结" (mo % 12 == 5 ? "上半年" : "全年") "工作，交流经验，部署下阶段任务。")
		}
		if (mo % 12 == 3 || mo % 12 == 9) {
			total++
			if (e)
				meeting("exchange", workday(a + 10, a + 25), "社区律师工作交流会：交流矛盾纠纷调解和工作日志记录经验。")
		}
	}
	# quarters, halves, years: whatever part of them the span holds
	for (qq = int(m0 / 3); qq < 12; qq++) {
		a = MSTART[qq * 3]
		if (a < first)
			a = first
		b = MSTART[qq * 3 + 3] - 1
		for (c = 1; c <= NCOM; c++) {
			total++
			if (e)
				lecture(c, workday(a, b))
		}
	}
	for (h = int(m0 / 6); h < 6; h++) {
		a = MSTART[h * 6]
		if (a < first)
			a = first
		b = MSTART[h * 6 + 6] - 1
		for (c = 1; c <= NCOM; c++) {
			total++
			if (e)
				spot_check(c, spot_day(c, a, b))
		}
	}
	for (y = int(m0 / 12); y < 3; y++) {
		a = MSTART[y * 12]
		if (a < first)
			a = first
		b = MSTART[y * 12 + 12] - 1
		for (c = 1; c <= NCOM; c++) {
			total++
			if (e)
				training(c, workday(a, b))
		}
	}
	return total
}

# a spot check comes on an office-hours day
function spot_day(c, a, b,   k, d, p, mon) {
	for (k = 0; k < 20; k++) {
		mon = rnd(a, b)
		mon -= (mon % 7 + 7) % 7
		p = pairing(c, mon + 3)
		if (p == "")
			continue
		d = oh_day(p, mon)
		if (d >= a && d <= b && pairing(c, d) == p)
			return d
	}
	return workday(a, b)
}

function scaled(count,   i, r, c, d, k, w, cum) {
	w = 0
	for (c = 1; c <= NCOM; c++)
		w += CW[c]
	for (i = 0; i < count; i++) {
		r = rand() * w
		cum = 0
		for (c = 1; c < NCOM; c++) {
			cum += CW[c]
			if (r < cum)
				break
		}
		do
			d = rnd(FIRST, LASTSERVICE)
		while (!WORK[d] && rand() < 0.85)
		r = rand()
		if (r < 0.58) consultation(c, d)
		else if (r < 0.69) request(c, d)
		else if (r < 0.78) mediation(c, d)
		else if (r < 0.83) drafting(c, d)
		else if (r < 0.865) publicity(c, d)
		else if (r < 0.89) lecture(c, d)
		else if (r < 0.92) legal_aid(c, d)
		else if (r < 0.94) research(c, d)
		else if (r < 0.955) negotiation(c, d)
		else if (r < 0.97) conflict(c, d)
		else if (r < 0.98) representation(c, d)
		else if (r < 0.99) gift(c, d)
		else if (r < 0.993) training(c, d)
		else if (r < 0.996) visit(c, d)
		else if (r < 0.999) spot_check(c, d)
		else feedback(c, d, substr("一二三四", 1 + 3 * int((MONTH[d] % 12) / 3), 3))
	}
}

BEGIN {
	srand(seed)
	days()
	for (i = -31; i <= LASTDAY; i++) {
		wd = ((i % 7) + 7) % 7	# 0 = Monday
		WORK[i] = wd < 5
		if (i == DAYNUM[DATE[i]] && MONTH[i] >= 0 && MONTH[i] <= 36 && substr(DATE[i], 9, 2) == "01")
			MSTART[MONTH[i]] = i
	}
	calendar()
	for (i in HOLI)
		WORK[i] = HOLI[i] == "w"
	LASTSERVICE = DAYNUM["2026-12-31"]
	NOW = DAYNUM["2027-01-05"] * 1440 + 9 * 60
	data()
	pairings()
	# the span: three years, or the last months that the structure leaves
	# room in (it is at most 70% of n)
	for (m0 = 0; m0 < 35; m0++)
		if (structure(MSTART[m0], LASTSERVICE, 0) <= 0.7 * n)
			break
	FIRST = MSTART[m0]
	srand(seed)
	printf "commit %s\nmark :1\ncommitter bench <bench@example.org> 1799110800 +0800\n", ref
	msg = "Synthetic records for make bench (tests/bench/gen.sh)\n\nCs-Command: tests/bench/gen.sh\n"
	printf "data %d\n%s\nfrom %s^0\n", length(msg), msg, ref
	directory()
	s = structure(FIRST, LASTSERVICE, 1)
	if (s > n)
		printf "gen: %d entries is too few: the last month alone needs %d\n", n, s > "/dev/stderr"
	scaled(n - s)
	printf "\n"
	printf "gen: %d entries from %s to %s, %d of them structure (weekly office hours, visits, ...); %d unsigned, %d voided, %d requests open\n", NOUT, DATE[FIRST], DATE[LASTSERVICE], s, NUNSIGNED, NVOID, NOPEN > "/dev/stderr"
	out = ""
	for (k in COUNT)
		out = out " " k " " COUNT[k]
	print "gen: by kind:" out > "/dev/stderr"
	print "gen: done" > "/dev/stderr"
}
