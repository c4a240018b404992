/*
 * test-integrity.c: damage to a vault file is found and named.
 *
 * A byte flipped in the ciphertext, nonce or tag of any page is reported
 * by opening, reading or vault_verify, naming the page.  A byte flipped in
 * one header copy leaves the vault usable (a warning names the copy) but
 * vault_verify fails naming the header; both copies damaged or destroyed
 * is a clear refusal.  Swapped, duplicated or foreign pages are caught by
 * the associated data; a truncated or extended file is an error.  Every
 * case runs under the sanitizers, so "never a crash" is checked too.
 */
#include "config.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/vault.h"
#include "testutil.h"
#include "tend/header.h"
#include "vault/shim.h"
#include "vtest.h"

#define ROWS    60

static char *path;
static unsigned char *pristine, *foreign;
static size_t npristine, nforeign;
static uint32_t npages;

static off_t
page_off(uint32_t pgno)
{
	return SHIM_HEADER + (off_t)(pgno - 1) * SHIM_PAGE;
}

static void
restore(void)
{
	unlink(vt_journal(path));
	if (test_spit(path, pristine, npristine) != 0)
		fatal("cannot restore %s", path);
}

static int
open_vault(struct vault **v, struct err *e)
{
	return vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, v,
	    e);
}

/* What happened to a damaged file. */
struct outcome {
	int opened;             /* vault_open succeeded */
	int read_failed;        /* a full scan of t failed */
	int verified;           /* vault_verify passed */
	int rows_ok;            /* every row came back whole */
	struct err open_e, read_e, verify_e;
	char warning[200];
};

static void
try_vault(struct outcome *o)
{
	struct vault *v;
	uint32_t pages;
	int rc;

	memset(o, 0, sizeof *o);
	if (open_vault(&v, &o->open_e) != 0)
		return;
	o->opened = 1;
	if (vault_warning(v, 0) != NULL)
		snprintf(o->warning, sizeof o->warning, "%s",
		    vault_warning(v, 0));
	rc = test_exec(v, "SELECT sum(length(body)) FROM t");
	if (rc != SQLITE_OK) {
		o->read_failed = 1;
		vault_sql_error(v, rc, &o->read_e);
	} else
		o->rows_ok = vt_check_rows(v) == ROWS;
	vault_close(v);
	if (open_vault(&v, &o->verify_e) != 0)
		return;
	o->verified = vault_verify(v, &pages, &o->verify_e) == 0;
	vault_close(v);
}

/* ---- pages ---- */

static void
page_flips(void)
{
	static const struct {
		int page;               /* 0: the last, -1: the middle */
		int off;
		const char *part;
	} cases[] = {
		{ 1, 0, "ciphertext" }, { 1, 100, "ciphertext" },
		{ 1, SHIM_USABLE, "nonce" }, { 1, SHIM_USABLE + 23, "nonce" },
		{ 1, SHIM_USABLE + SHIM_NONCE, "tag" }, { 1, SHIM_PAGE - 1, "tag" },
		{ 2, 0, "ciphertext" }, { 2, 2000, "ciphertext" },
		{ 2, SHIM_USABLE + 10, "nonce" }, { 2, SHIM_PAGE - 1, "tag" },
		{ -1, 3000, "ciphertext" }, { -1, SHIM_USABLE + 5, "nonce" },
		{ 0, 5, "ciphertext" }, { 0, SHIM_USABLE - 1, "ciphertext" },
		{ 0, SHIM_USABLE + 2, "nonce" },
		{ 0, SHIM_USABLE + SHIM_NONCE + 7, "tag" },
	};
	struct outcome o;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t pg = cases[i].page > 0 ? (uint32_t)cases[i].page :
		    cases[i].page == 0 ? npages : npages / 2;

		restore();
		test_flip(path, page_off(pg) + cases[i].off);
		try_vault(&o);
		if (!o.opened)
			ok(vt_names_page(o.open_e.msg, pg) &&
			    vt_one_sentence(o.open_e.msg),
			    "%s of page %u flipped: open fails naming it (%s)",
			    cases[i].part, pg, o.open_e.msg);
		else {
			ok(o.read_failed && vt_names_page(o.read_e.msg, pg),
			    "%s of page %u flipped: reading fails naming it "
			    "(%s)", cases[i].part, pg, o.read_failed ?
			    o.read_e.msg : "read fine");
			ok(!o.verified && vt_names_page(o.verify_e.msg, pg) &&
			    vt_one_sentence(o.verify_e.msg),
			    "%s of page %u flipped: verify fails naming it (%s)",
			    cases[i].part, pg, o.verified ? "verified" :
			    o.verify_e.msg);
		}
	}
}

static void
swap_pages(unsigned char *buf, uint32_t a, uint32_t b)
{
	unsigned char tmp[SHIM_PAGE];

	memcpy(tmp, buf + page_off(a), SHIM_PAGE);
	memcpy(buf + page_off(a), buf + page_off(b), SHIM_PAGE);
	memcpy(buf + page_off(b), tmp, SHIM_PAGE);
}

static void
moved_pages(void)
{
	static const struct {
		const char *what;
		uint32_t a, b;          /* b == 0: a from the other vault */
		int swap;               /* else page b copied over page a */
		uint32_t named;
	} cases[] = {
		{ "pages 2 and 3 swapped", 2, 3, 1, 2 },
		{ "pages 1 and 2 swapped", 1, 2, 1, 1 },
		{ "the last two pages swapped", 0, 0, 1, 0 },
		{ "page 3 copied over page 2", 2, 3, 0, 2 },
		{ "page 2 of another vault", 2, 0, 0, 2 },
	};
	unsigned char *buf = malloc(npristine);
	struct outcome o;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t a = cases[i].a, b = cases[i].b;
		uint32_t named = cases[i].named;
		const char *msg;

		if (cases[i].swap && a == 0) {
			a = npages - 1;
			b = npages;
			named = a;
		}
		memcpy(buf, pristine, npristine);
		if (cases[i].swap)
			swap_pages(buf, a, b);
		else if (b != 0)
			memcpy(buf + page_off(a), buf + page_off(b), SHIM_PAGE);
		else
			memcpy(buf + page_off(a), foreign + page_off(a),
			    SHIM_PAGE);
		unlink(vt_journal(path));
		test_spit(path, buf, npristine);
		try_vault(&o);
		msg = !o.opened ? o.open_e.msg : o.verify_e.msg;
		ok(!o.verified && vt_names_page(msg, named),
		    "%s: found, naming page %u (%s)", cases[i].what, named,
		    o.verified ? "verified" : msg);
	}
	free(buf);
}

/* ---- headers ---- */

static void
header_flips(void)
{
	static const struct {
		int off;
		const char *field;
	} fields[] = {
		{ 0, "magic" }, { 7, "magic" }, { 8, "version" },
		{ 9, "version (high byte)" }, { 10, "kind" },
		{ 16, "generation" }, { 30, "UUID" }, { 41, "page size" },
		{ 44, "reserve" }, { 46, "slot count" }, { 50, "created" },
		{ 60, "signing seed" }, { 128, "slot 0 type" },
		{ 140, "slot 0 salt" }, { 200, "slot 0 wrapped key" },
		{ 128 + HDR_SLOT_SIZE + 60, "slot 1" }, { 1700, "padding" },
		{ HDR_MAC_OFF + 3, "MAC" }, { HDR_SUM_OFF, "checksum" },
		{ HDR_COPY - 1, "last byte" },
	};
	struct outcome o;
	size_t i;
	int copy;

	for (copy = 0; copy < 2; copy++)
		for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
			char name[16];

			snprintf(name, sizeof name, "copy %c", "AB"[copy]);
			restore();
			test_flip(path, copy * HDR_COPY + fields[i].off);
			try_vault(&o);
			ok(o.opened && o.rows_ok, "%s of header %s flipped: "
			    "the vault opens with every row (%s)",
			    fields[i].field, name, o.opened ? "opened" :
			    o.open_e.msg);
			ok(vt_says(o.warning, name) && vt_says(o.warning,
			    "damaged"), "a warning names header %s (%s)", name,
			    o.warning);
			ok(!o.verified && vt_says(o.verify_e.msg, "header") &&
			    vt_says(o.verify_e.msg, name),
			    "verify fails naming header %s (%s)", name,
			    o.verified ? "verified" : o.verify_e.msg);
		}
}

/* A copy changed on purpose, with its checksum made right again: its MAC
 * no longer matches.  It must never be taken silently. */
static void
header_tampered(void)
{
	unsigned char *buf = malloc(npristine);
	struct outcome o;
	const char *msg;
	int copy;

	for (copy = 0; copy < 2; copy++) {
		unsigned char *c = buf + copy * HDR_COPY;

		memcpy(buf, pristine, npristine);
		c[128 + 1] ^= 1;                /* slot 0's KDF profile */
		crypto_generichash(c + HDR_SUM_OFF, 32, c, HDR_SUM_OFF, NULL, 0);
		test_spit(path, buf, npristine);
		try_vault(&o);
		msg = !o.opened ? o.open_e.msg : o.verify_e.msg;
		ok(!o.verified && vt_says(msg, "header") && vt_one_sentence(msg),
		    "header copy %c changed with a good checksum is reported "
		    "(%s)", "AB"[copy], o.verified ? "verified" : msg);
	}
	free(buf);
}

static void
both_headers(void)
{
	unsigned char junk[2 * HDR_COPY];
	unsigned char *before;
	struct vault *v;
	struct err e;
	size_t n;

	restore();
	test_flip(path, 300);
	test_flip(path, HDR_COPY + 300);
	before = test_slurp(path, &n);
	ok(open_vault(&v, &e) == -1 && vt_says(e.msg, "both") &&
	    vt_says(e.msg, "header") && vt_one_sentence(e.msg),
	    "a byte flipped in both header copies: refused (%s)", e.msg);
	ok(vt_same_file(path, before, n), "and the file is untouched");
	free(before);

	restore();
	randombytes_buf(junk, sizeof junk);
	before = test_slurp(path, &n);
	memcpy(before, junk, sizeof junk);
	test_spit(path, before, n);
	ok(open_vault(&v, &e) == -1 && vt_says(e.msg, "both") &&
	    vt_says(e.msg, "header") && vt_one_sentence(e.msg),
	    "both header copies garbage (magic gone): refused (%s)", e.msg);
	ok(vt_same_file(path, before, n), "and the file is untouched");
	free(before);
}

/* ---- size ---- */

static void
sizes(void)
{
	static const struct {
		const char *what;
		long delta;
		int random;
	} cases[] = {
		{ "truncated by a page", -SHIM_PAGE, 0 },
		{ "truncated by 100 bytes", -100, 0 },
		{ "truncated by a page and a byte", -SHIM_PAGE - 1, 0 },
		{ "extended by a page of zeros", SHIM_PAGE, 0 },
		{ "extended by a page of random bytes", SHIM_PAGE, 1 },
		{ "extended by one byte", 1, 0 },
	};
	unsigned char *buf = calloc(1, npristine + SHIM_PAGE);
	struct outcome o;
	const char *msg;
	size_t i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = (size_t)((long)npristine + cases[i].delta);
		memset(buf, 0, npristine + SHIM_PAGE);
		memcpy(buf, pristine, n < npristine ? n : npristine);
		if (cases[i].random)
			randombytes_buf(buf + npristine, n - npristine);
		unlink(vt_journal(path));
		test_spit(path, buf, n);
		try_vault(&o);
		msg = !o.opened ? o.open_e.msg : o.verify_e.msg;
		ok(!o.verified && vt_one_sentence(msg) && (vt_says(msg,
		    "truncated") || vt_says(msg, "damaged") ||
		    vt_says(msg, "page")), "%s: %s fails (%s)", cases[i].what,
		    o.opened ? "verify" : "open", o.verified ? "verified" : msg);
	}
	free(buf);
}

int
main(void)
{
	struct vault *v;
	struct outcome o;
	char *other;

	test_dir();
	test_init();
	path = strdup(test_path("damage.tend"));
	other = strdup(test_path("foreign.tend"));
	v = test_new_vault(path);
	if (vt_add_rows(v, NULL, 1, ROWS, 1500) != SQLITE_OK)
		fatal("cannot fill %s", path);
	npages = (uint32_t)test_int(v, "PRAGMA page_count");
	vault_close(v);
	v = test_new_vault(other);
	vt_add_rows(v, NULL, 1, ROWS, 1500);
	vault_close(v);
	pristine = test_slurp(path, &npristine);
	foreign = test_slurp(other, &nforeign);
	if (pristine == NULL || foreign == NULL || nforeign != npristine)
		fatal("cannot read the test vaults");

	try_vault(&o);
	ok(o.opened && o.rows_ok && o.verified, "the undamaged vault opens, "
	    "reads and verifies (%u pages)", npages);
	page_flips();
	moved_pages();
	header_flips();
	header_tampered();
	both_headers();
	sizes();
	free(pristine);
	free(foreign);
	free(path);
	free(other);
	return tap_done();
}
