/*
 * torture_v6m: ALU, shifter, load/store and branch torture for ARMv6-M.
 *
 * The instructions under test live in torture_v6m_asm.S; this file feeds them
 * edge values and LCG values, folds every result and the NZCV flags into one
 * 32-bit checksum per group (FNV-1a over words plus an xorshift), prints
 * "group <name> 0x%08x" and compares it with the value computed by
 * reference/torture_v6m.py (generated into torture_expected.h at build time).
 * Exit status: 0 when every group matches, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "torture_expected.h"

typedef uint32_t (*binop_t)(uint32_t a, uint32_t b, uint32_t flags_in, uint32_t *flags_out);

#define DECLARE(name) uint32_t t_##name(uint32_t, uint32_t, uint32_t, uint32_t *);
#define BINOPS(X) \
    X(adds_rr) X(adds_i3) X(adds_i8) X(adds_i8_1) X(add_hi) X(adcs) \
    X(subs_rr) X(subs_i3) X(subs_i8) X(sbcs) X(rsbs) X(cmp_rr) X(cmp_i8) \
    X(cmp_hi) X(cmn) X(movs_i8) X(movs_rr) X(mov_hi) X(lsls_r) X(lsrs_r) \
    X(asrs_r) X(rors_r) X(muls) X(ands) X(orrs) X(eors) X(bics) X(mvns) \
    X(tst) X(rev) X(rev16) X(revsh) X(sxtb) X(sxth) X(uxtb) X(uxth) \
    X(lsls_imm) X(lsrs_imm) X(asrs_imm)
BINOPS(DECLARE)

void t_ld_imm(const void *base, uint32_t out[13]);
void t_st_imm(void *base, uint32_t value);
uint32_t t_ldr_rr(const void *base, uint32_t offset);
uint32_t t_ldrh_rr(const void *base, uint32_t offset);
uint32_t t_ldrb_rr(const void *base, uint32_t offset);
uint32_t t_ldrsh_rr(const void *base, uint32_t offset);
uint32_t t_ldrsb_rr(const void *base, uint32_t offset);
void t_str_rr(void *base, uint32_t offset, uint32_t value);
void t_strh_rr(void *base, uint32_t offset, uint32_t value);
void t_strb_rr(void *base, uint32_t offset, uint32_t value);
void t_sp_lit(uint32_t out[8], uint32_t value);
void t_multi(const uint32_t src[8], uint32_t dst[8], uint32_t out[8]);
void t_branch(uint32_t x, uint32_t (*f)(uint32_t), uint32_t out[6]);
uint32_t t_cond(uint32_t flags);

/* ---- checksum, LCG, inputs (mirrored in reference/torture_v6m.py) ---- */

static uint32_t checksum;
static uint32_t lcg_state;
static uint32_t flag_counter;

static void mix(uint32_t word)
{
    checksum = (checksum ^ word) * 16777619u;
    checksum ^= checksum >> 15; /* carry high-bit differences (the flags) down */
}

static void lcg_seed(uint32_t seed)
{
    lcg_state = seed;
}

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

/* Input NZCV for the next call: cycles through all 16 combinations. */
static uint32_t next_flags(void)
{
    uint32_t flags = ((flag_counter * 5u + 1u) & 15u) << 28;
    flag_counter++;
    return flags;
}

#define VALUE_COUNT 32
static uint32_t values[VALUE_COUNT];
static const uint32_t edge_values[16] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000007Fu,
    0x00000080u, 0x000000FFu, 0x00007FFFu, 0x00008000u,
    0x0000FFFFu, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u,
    0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0x12345678u,
};
#define AMOUNT_COUNT 20
static const uint32_t shift_amounts[AMOUNT_COUNT] = {
    0, 1, 2, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 257,
    0xFFFFFF20u, 0x80000001u,
};
static uint32_t amounts_and_values[AMOUNT_COUNT + VALUE_COUNT];
static const uint32_t zero_only[1] = {0};

static void make_inputs(void)
{
    lcg_seed(0x2545F491u);
    for (int i = 0; i < 16; i++) {
        values[i] = edge_values[i];
        values[16 + i] = lcg_next();
    }
    for (int i = 0; i < AMOUNT_COUNT; i++) {
        amounts_and_values[i] = shift_amounts[i];
    }
    for (int i = 0; i < VALUE_COUNT; i++) {
        amounts_and_values[AMOUNT_COUNT + i] = values[i];
    }
}

/* ---- groups ---- */

static int groups_run;
static int groups_failed;

static void begin_group(void)
{
    checksum = 2166136261u;
    flag_counter = 0;
    lcg_seed(0x13579BDFu);
}

static void end_group(const char *name)
{
    printf("group %s 0x%08lx\n", name, (unsigned long)checksum);
    if (groups_run >= (int)(sizeof expected_checksums / sizeof expected_checksums[0]) ||
        strcmp(expected_names[groups_run], name) != 0 ||
        expected_checksums[groups_run] != checksum) {
        printf("MISMATCH group %s\n", name);
        groups_failed++;
    }
    groups_run++;
}

static void run_binops(const binop_t *ops, int op_count,
                       const uint32_t *as, int a_count,
                       const uint32_t *bs, int b_count)
{
    for (int k = 0; k < op_count; k++) {
        for (int i = 0; i < a_count; i++) {
            for (int j = 0; j < b_count; j++) {
                uint32_t flags_out = 0;
                uint32_t result = ops[k](as[i], bs[j], next_flags(), &flags_out);
                mix(result);
                mix(flags_out & 0xF0000000u);
            }
        }
    }
}

#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static void binop_group(const char *name, const binop_t *ops, int op_count,
                        const uint32_t *as, int a_count,
                        const uint32_t *bs, int b_count)
{
    begin_group();
    run_binops(ops, op_count, as, a_count, bs, b_count);
    end_group(name);
}

static void shift_imm_group(const char *name, binop_t op)
{
    begin_group();
    for (int i = 0; i < VALUE_COUNT; i++) {
        for (uint32_t index = 0; index < 32; index++) {
            uint32_t flags_out = 0;
            mix(op(values[i], index, next_flags(), &flags_out));
            mix(flags_out & 0xF0000000u);
        }
    }
    end_group(name);
}

static uint32_t source_words[64];
static uint32_t target_words[64];

static void fill_source(void)
{
    uint8_t *bytes = (uint8_t *)source_words;
    for (int i = 0; i < 256; i++) {
        bytes[i] = (uint8_t)(lcg_next() >> 24);
    }
}

static void mix_target(void)
{
    for (int i = 0; i < 64; i++) {
        mix(target_words[i]);
    }
}

static void ldst_imm_group(void)
{
    begin_group();
    fill_source();
    uint32_t out[13];
    for (int i = 0; i <= 32; i++) {
        t_ld_imm((const uint8_t *)source_words + 4 * i, out);
        for (int k = 0; k < 13; k++) {
            mix(out[k]);
        }
    }
    memset(target_words, 0, sizeof target_words);
    for (int i = 0; i <= 32; i++) {
        t_st_imm((uint8_t *)target_words + 4 * i, lcg_next());
    }
    mix_target();
    end_group("ldst_imm");
}

static void ldst_reg_group(void)
{
    begin_group();
    fill_source();
    for (uint32_t offset = 0; offset < 256; offset += 4) {
        mix(t_ldr_rr(source_words, offset));
    }
    for (uint32_t offset = 0; offset < 256; offset += 2) {
        mix(t_ldrh_rr(source_words, offset));
        mix(t_ldrsh_rr(source_words, offset));
    }
    for (uint32_t offset = 0; offset < 256; offset++) {
        mix(t_ldrb_rr(source_words, offset));
        mix(t_ldrsb_rr(source_words, offset));
    }
    memset(target_words, 0, sizeof target_words);
    for (uint32_t i = 0; i < 64; i++) {
        t_str_rr(target_words, 4 * i, lcg_next());
    }
    for (uint32_t i = 0; i < 128; i += 3) {
        t_strh_rr(target_words, 2 * i, lcg_next());
    }
    for (uint32_t i = 0; i < 256; i += 5) {
        t_strb_rr(target_words, i, lcg_next());
    }
    mix_target();
    end_group("ldst_reg");
}

static void sp_lit_group(void)
{
    begin_group();
    uint32_t out[8];
    for (int i = 0; i < VALUE_COUNT; i++) {
        t_sp_lit(out, values[i]);
        for (int k = 0; k < 8; k++) {
            mix(out[k]);
        }
    }
    end_group("sp_lit");
}

static void multi_group(void)
{
    begin_group();
    uint32_t src[8], dst[8], out[8];
    for (int round = 0; round < 16; round++) {
        for (int k = 0; k < 8; k++) {
            src[k] = lcg_next();
            dst[k] = 0xFFFFFFFFu;
        }
        t_multi(src, dst, out);
        for (int k = 0; k < 8; k++) {
            mix(out[k]);
        }
        for (int k = 0; k < 8; k++) {
            mix(dst[k]);
        }
    }
    end_group("ldm_stm_push_pop");
}

static uint32_t branch_callee(uint32_t x)
{
    return x * 3u + 1u;
}

static void branch_group(void)
{
    begin_group();
    uint32_t out[6];
    for (int i = 0; i < VALUE_COUNT; i++) {
        t_branch(values[i], branch_callee, out);
        for (int k = 0; k < 6; k++) {
            mix(out[k]);
        }
    }
    end_group("branch");
}

static void cond_group(void)
{
    begin_group();
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
        mix(t_cond(nzcv << 28));
    }
    end_group("cond");
}

int main(void)
{
    make_inputs();

    static const binop_t add_ops[] = {t_adds_rr, t_adds_i3, t_adds_i8, t_adds_i8_1, t_add_hi};
    static const binop_t adc_ops[] = {t_adcs};
    static const binop_t sub_ops[] = {t_subs_rr, t_subs_i3, t_subs_i8};
    static const binop_t sbc_ops[] = {t_sbcs};
    static const binop_t rsb_ops[] = {t_rsbs};
    static const binop_t cmp_ops[] = {t_cmp_rr, t_cmp_i8, t_cmp_hi};
    static const binop_t cmn_ops[] = {t_cmn};
    static const binop_t mov_ops[] = {t_movs_i8, t_movs_rr, t_mov_hi};
    static const binop_t lsl_ops[] = {t_lsls_r};
    static const binop_t lsr_ops[] = {t_lsrs_r};
    static const binop_t asr_ops[] = {t_asrs_r};
    static const binop_t ror_ops[] = {t_rors_r};
    static const binop_t mul_ops[] = {t_muls};
    static const binop_t logic_ops[] = {t_ands, t_orrs, t_eors, t_bics, t_mvns, t_tst};
    static const binop_t rev_ops[] = {t_rev, t_rev16, t_revsh};
    static const binop_t extend_ops[] = {t_sxtb, t_sxth, t_uxtb, t_uxth};

    binop_group("add", add_ops, COUNT(add_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("adc", adc_ops, COUNT(adc_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("sub", sub_ops, COUNT(sub_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("sbc", sbc_ops, COUNT(sbc_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("rsb", rsb_ops, COUNT(rsb_ops), values, VALUE_COUNT, zero_only, 1);
    binop_group("cmp", cmp_ops, COUNT(cmp_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("cmn", cmn_ops, COUNT(cmn_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("mov", mov_ops, COUNT(mov_ops), zero_only, 1, values, VALUE_COUNT);
    shift_imm_group("lsl_imm", t_lsls_imm);
    shift_imm_group("lsr_imm", t_lsrs_imm);
    shift_imm_group("asr_imm", t_asrs_imm);
    binop_group("lsl_reg", lsl_ops, 1, values, VALUE_COUNT, amounts_and_values, COUNT(amounts_and_values));
    binop_group("lsr_reg", lsr_ops, 1, values, VALUE_COUNT, amounts_and_values, COUNT(amounts_and_values));
    binop_group("asr_reg", asr_ops, 1, values, VALUE_COUNT, amounts_and_values, COUNT(amounts_and_values));
    binop_group("ror_reg", ror_ops, 1, values, VALUE_COUNT, amounts_and_values, COUNT(amounts_and_values));
    binop_group("mul", mul_ops, COUNT(mul_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("logic", logic_ops, COUNT(logic_ops), values, VALUE_COUNT, values, VALUE_COUNT);
    binop_group("rev", rev_ops, COUNT(rev_ops), values, VALUE_COUNT, zero_only, 1);
    binop_group("extend", extend_ops, COUNT(extend_ops), zero_only, 1, values, VALUE_COUNT);
    ldst_imm_group();
    ldst_reg_group();
    sp_lit_group();
    multi_group();
    branch_group();
    cond_group();

    if (groups_failed != 0 || groups_run != COUNT(expected_checksums)) {
        printf("torture_v6m: %d of %d groups FAILED\n", groups_failed, groups_run);
        return 1;
    }
    printf("torture_v6m: %d groups\n", groups_run);
    return 0;
}
