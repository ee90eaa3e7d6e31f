/*
 * torture_t2: Thumb-2 (ARMv7-M) integer torture for the Cortex-M4.
 *
 * The kernels are in torture_t2_asm.S (exact encodings, 32-bit forms forced
 * with .w); common/torture.h drives them over input pairs and folds r0, r1
 * and APSR (NZCVQ and GE) into one checksum per group, printed as
 * "group <name> 0x%08x" and compared with build/gen/torture_t2_expected.h,
 * which reference/torture_t2.py generates from its model of the ARMv7-M ARM
 * pseudocode. Exit status 0 when every group matches, 1 otherwise.
 *
 * Input sets (mirrored in reference/m4common.py and reference/torture_t2.py):
 * values = 20 edge values + 8 LCG values, amounts = register shift amounts,
 * few = the first 6 values, zero = {0}, one = {0x89ABCDEF}.
 */
#include <stdint.h>
#include <stdio.h>

#include "torture_t2_expected.h"
#include "torture.h"
#include "torture_values.h"

#define G_modimm_logic(X) \
    X(ands_c0) X(ands_c1) X(ands_c2) X(ands_c3) X(ands_c4) X(ands_c5) \
    X(ands_c6) X(ands_c7) X(ands_c8) X(ands_c9) X(orrs_c0) X(orrs_c1) \
    X(orrs_c2) X(orrs_c3) X(orrs_c4) X(orrs_c5) X(orrs_c6) X(orrs_c7) \
    X(orrs_c8) X(orrs_c9) X(eors_c0) X(eors_c1) X(eors_c2) X(eors_c3) \
    X(eors_c4) X(eors_c5) X(eors_c6) X(eors_c7) X(eors_c8) X(eors_c9) \
    X(bics_c0) X(bics_c1) X(bics_c2) X(bics_c3) X(bics_c4) X(bics_c5) \
    X(bics_c6) X(bics_c7) X(bics_c8) X(bics_c9) X(orns_c0) X(orns_c1) \
    X(orns_c2) X(orns_c3) X(orns_c4) X(orns_c5) X(orns_c6) X(orns_c7) \
    X(orns_c8) X(orns_c9) X(movs_c0) X(movs_c1) X(movs_c2) X(movs_c3) \
    X(movs_c4) X(movs_c5) X(movs_c6) X(movs_c7) X(movs_c8) X(movs_c9) \
    X(mvns_c0) X(mvns_c1) X(mvns_c2) X(mvns_c3) X(mvns_c4) X(mvns_c5) \
    X(mvns_c6) X(mvns_c7) X(mvns_c8) X(mvns_c9) X(tst_c0) X(tst_c1) \
    X(tst_c2) X(tst_c3) X(tst_c4) X(tst_c5) X(tst_c6) X(tst_c7) \
    X(tst_c8) X(tst_c9) X(teq_c0) X(teq_c1) X(teq_c2) X(teq_c3) \
    X(teq_c4) X(teq_c5) X(teq_c6) X(teq_c7) X(teq_c8) X(teq_c9) \
    X(and_c0) X(and_c1) X(and_c2) X(and_c3) X(and_c4) X(and_c5) \
    X(and_c6) X(and_c7) X(and_c8) X(and_c9)

#define G_modimm_arith(X) \
    X(adds_c0) X(adds_c1) X(adds_c2) X(adds_c3) X(adds_c4) X(adds_c5) \
    X(adds_c6) X(adds_c7) X(adds_c8) X(adds_c9) X(adcs_c0) X(adcs_c1) \
    X(adcs_c2) X(adcs_c3) X(adcs_c4) X(adcs_c5) X(adcs_c6) X(adcs_c7) \
    X(adcs_c8) X(adcs_c9) X(subs_c0) X(subs_c1) X(subs_c2) X(subs_c3) \
    X(subs_c4) X(subs_c5) X(subs_c6) X(subs_c7) X(subs_c8) X(subs_c9) \
    X(sbcs_c0) X(sbcs_c1) X(sbcs_c2) X(sbcs_c3) X(sbcs_c4) X(sbcs_c5) \
    X(sbcs_c6) X(sbcs_c7) X(sbcs_c8) X(sbcs_c9) X(rsbs_c0) X(rsbs_c1) \
    X(rsbs_c2) X(rsbs_c3) X(rsbs_c4) X(rsbs_c5) X(rsbs_c6) X(rsbs_c7) \
    X(rsbs_c8) X(rsbs_c9) X(cmp_c0) X(cmp_c1) X(cmp_c2) X(cmp_c3) \
    X(cmp_c4) X(cmp_c5) X(cmp_c6) X(cmp_c7) X(cmp_c8) X(cmp_c9) \
    X(cmn_c0) X(cmn_c1) X(cmn_c2) X(cmn_c3) X(cmn_c4) X(cmn_c5) \
    X(cmn_c6) X(cmn_c7) X(cmn_c8) X(cmn_c9) X(add_c0) X(add_c1) \
    X(add_c2) X(add_c3) X(add_c4) X(add_c5) X(add_c6) X(add_c7) \
    X(add_c8) X(add_c9)

#define G_shift_logic(X) \
    X(ands_s0) X(ands_s1) X(ands_s2) X(ands_s3) X(ands_s4) X(ands_s5) \
    X(ands_s6) X(ands_s7) X(ands_s8) X(ands_s9) X(orrs_s0) X(orrs_s1) \
    X(orrs_s2) X(orrs_s3) X(orrs_s4) X(orrs_s5) X(orrs_s6) X(orrs_s7) \
    X(orrs_s8) X(orrs_s9) X(eors_s0) X(eors_s1) X(eors_s2) X(eors_s3) \
    X(eors_s4) X(eors_s5) X(eors_s6) X(eors_s7) X(eors_s8) X(eors_s9) \
    X(bics_s0) X(bics_s1) X(bics_s2) X(bics_s3) X(bics_s4) X(bics_s5) \
    X(bics_s6) X(bics_s7) X(bics_s8) X(bics_s9) X(orns_s0) X(orns_s1) \
    X(orns_s2) X(orns_s3) X(orns_s4) X(orns_s5) X(orns_s6) X(orns_s7) \
    X(orns_s8) X(orns_s9) X(movs_s0) X(movs_s1) X(movs_s2) X(movs_s3) \
    X(movs_s4) X(movs_s5) X(movs_s6) X(movs_s7) X(movs_s8) X(movs_s9) \
    X(mvns_s0) X(mvns_s1) X(mvns_s2) X(mvns_s3) X(mvns_s4) X(mvns_s5) \
    X(mvns_s6) X(mvns_s7) X(mvns_s8) X(mvns_s9) X(tst_s0) X(tst_s1) \
    X(tst_s2) X(tst_s3) X(tst_s4) X(tst_s5) X(tst_s6) X(tst_s7) \
    X(tst_s8) X(tst_s9) X(teq_s0) X(teq_s1) X(teq_s2) X(teq_s3) \
    X(teq_s4) X(teq_s5) X(teq_s6) X(teq_s7) X(teq_s8) X(teq_s9) \
    X(orr_s0) X(orr_s1) X(orr_s2) X(orr_s3) X(orr_s4) X(orr_s5) \
    X(orr_s6) X(orr_s7) X(orr_s8) X(orr_s9)

#define G_shift_arith(X) \
    X(adds_s0) X(adds_s1) X(adds_s2) X(adds_s3) X(adds_s4) X(adds_s5) \
    X(adds_s6) X(adds_s7) X(adds_s8) X(adds_s9) X(adcs_s0) X(adcs_s1) \
    X(adcs_s2) X(adcs_s3) X(adcs_s4) X(adcs_s5) X(adcs_s6) X(adcs_s7) \
    X(adcs_s8) X(adcs_s9) X(subs_s0) X(subs_s1) X(subs_s2) X(subs_s3) \
    X(subs_s4) X(subs_s5) X(subs_s6) X(subs_s7) X(subs_s8) X(subs_s9) \
    X(sbcs_s0) X(sbcs_s1) X(sbcs_s2) X(sbcs_s3) X(sbcs_s4) X(sbcs_s5) \
    X(sbcs_s6) X(sbcs_s7) X(sbcs_s8) X(sbcs_s9) X(rsbs_s0) X(rsbs_s1) \
    X(rsbs_s2) X(rsbs_s3) X(rsbs_s4) X(rsbs_s5) X(rsbs_s6) X(rsbs_s7) \
    X(rsbs_s8) X(rsbs_s9) X(cmp_s0) X(cmp_s1) X(cmp_s2) X(cmp_s3) \
    X(cmp_s4) X(cmp_s5) X(cmp_s6) X(cmp_s7) X(cmp_s8) X(cmp_s9) \
    X(cmn_s0) X(cmn_s1) X(cmn_s2) X(cmn_s3) X(cmn_s4) X(cmn_s5) \
    X(cmn_s6) X(cmn_s7) X(cmn_s8) X(cmn_s9) X(add_s0) X(add_s1) \
    X(add_s2) X(add_s3) X(add_s4) X(add_s5) X(add_s6) X(add_s7) \
    X(add_s8) X(add_s9)

#define G_shift_reg(X) \
    X(lsls_r) X(lsrs_r) X(asrs_r) X(rors_r) X(lsl_r) X(ror_r)

#define G_wide_imm(X) \
    X(addw) X(subw) X(addw1) X(movw) X(movt) X(movwt) \
    X(adrw)

#define G_bitfield(X) \
    X(bfi_0_1) X(bfc_0_1) X(ubfx_0_1) X(sbfx_0_1) X(bfi_0_32) X(bfc_0_32) \
    X(ubfx_0_32) X(sbfx_0_32) X(bfi_4_8) X(bfc_4_8) X(ubfx_4_8) X(sbfx_4_8) \
    X(bfi_31_1) X(bfc_31_1) X(ubfx_31_1) X(sbfx_31_1) X(bfi_12_20) X(bfc_12_20) \
    X(ubfx_12_20) X(sbfx_12_20) X(bfi_16_16) X(bfc_16_16) X(ubfx_16_16) X(sbfx_16_16) \
    X(bfi_7_9) X(bfc_7_9) X(ubfx_7_9) X(sbfx_7_9)

#define G_bitops(X) \
    X(clz) X(rbit) X(rev) X(rev16) X(revsh) X(sxtb_0) \
    X(sxtb_8) X(sxtb_16) X(sxtb_24) X(sxth_0) X(sxth_8) X(sxth_16) \
    X(sxth_24) X(uxtb_0) X(uxtb_8) X(uxtb_16) X(uxtb_24) X(uxth_0) \
    X(uxth_8) X(uxth_16) X(uxth_24)

#define G_multiply(X) \
    X(mul) X(muls) X(mla) X(mls) X(umull) X(smull) \
    X(umlal) X(smlal) X(umull_same)

#define G_divide(X) \
    X(sdiv) X(udiv) X(sdiv_ba)

#define G_saturate(X) \
    X(ssat_1) X(ssat_8) X(ssat_16_l4) X(ssat_32_a8) X(ssat_24_a31) X(ssat_12_l31) \
    X(usat_0) X(usat_8) X(usat_31_l1) X(usat_16_a4) X(usat_15_a1)

#define G_load(X) \
    X(ldr_imm12) X(ldr_imm12b) X(ldr_neg) X(ldr_pre) X(ldr_pre_neg) X(ldr_post) \
    X(ldr_post_neg) X(ldr_reg0) X(ldr_reg1) X(ldr_reg2) X(ldr_reg3) X(ldr_unal) \
    X(ldrb_imm12) X(ldrb_neg) X(ldrb_post) X(ldrb_reg) X(ldrsb_imm12) X(ldrsb_neg) \
    X(ldrsb_pre) X(ldrsb_reg) X(ldrh_imm12) X(ldrh_neg) X(ldrh_unal) X(ldrh_reg) \
    X(ldrsh_imm12) X(ldrsh_neg) X(ldrsh_post) X(ldrsh_reg) X(ldrsh_unal) X(ldrd_imm) \
    X(ldrd_neg) X(ldrd_pre) X(ldrd_post) X(ldrt) X(ldrbt) X(ldrsht) \
    X(ldr_lit_neg) X(ldr_lit_pos)

#define G_store(X) \
    X(str_imm12) X(str_neg) X(str_pre) X(str_post) X(str_reg) X(str_unal) \
    X(strb_imm12) X(strb_neg) X(strb_post) X(strb_reg) X(strh_imm12) X(strh_neg) \
    X(strh_pre) X(strh_reg) X(strh_unal) X(strd_imm) X(strd_pre) X(strd_post) \
    X(strt) X(strbt) X(strht)

#define G_ldm_stm(X) \
    X(stmia_wb) X(stmdb_wb) X(ldmia_wb) X(ldmdb_wb) X(ldmdb) X(ldm_nowb) \
    X(push_pop) X(push_one) X(push_ldr)

#define G_branch(X) \
    X(tbb) X(tbh) X(tbh_reg) X(cbz)

#define G_it(X) \
    X(it_eq_ttee) X(it_eq_tete) X(it_eq_e16) X(it_ne_ttee) X(it_ne_tete) X(it_ne_e16) \
    X(it_cs_ttee) X(it_cs_tete) X(it_cs_e16) X(it_cc_ttee) X(it_cc_tete) X(it_cc_e16) \
    X(it_mi_ttee) X(it_mi_tete) X(it_mi_e16) X(it_pl_ttee) X(it_pl_tete) X(it_pl_e16) \
    X(it_vs_ttee) X(it_vs_tete) X(it_vs_e16) X(it_vc_ttee) X(it_vc_tete) X(it_vc_e16) \
    X(it_hi_ttee) X(it_hi_tete) X(it_hi_e16) X(it_ls_ttee) X(it_ls_tete) X(it_ls_e16) \
    X(it_ge_ttee) X(it_ge_tete) X(it_ge_e16) X(it_lt_ttee) X(it_lt_tete) X(it_lt_e16) \
    X(it_gt_ttee) X(it_gt_tete) X(it_gt_e16) X(it_le_ttee) X(it_le_tete) X(it_le_e16) \
    X(it_cmp_eq) X(it_cmp_ge) X(it_adds_hi)

#define G_exclusive(X) \
    X(strex_ok) X(strex_clrex) X(strex_none) X(strexb) X(strexh) X(strex_twice) \
    X(strex_imm)

#define G_special(X) \
    X(msr_nzcvq) X(msr_g) X(msr_both) X(mrs_flags)

G_modimm_logic(KDECLARE)
G_modimm_arith(KDECLARE)
G_shift_logic(KDECLARE)
G_shift_arith(KDECLARE)
G_shift_reg(KDECLARE)
G_wide_imm(KDECLARE)
G_bitfield(KDECLARE)
G_bitops(KDECLARE)
G_multiply(KDECLARE)
G_divide(KDECLARE)
G_saturate(KDECLARE)
G_load(KDECLARE)
G_store(KDECLARE)
G_ldm_stm(KDECLARE)
G_branch(KDECLARE)
G_it(KDECLARE)
G_exclusive(KDECLARE)
G_special(KDECLARE)

static const uint32_t amounts[19] = {
    0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 257,
    0xFFFFFF20u, 0x80000001u,
};
static const uint32_t zero[1] = {0};
static const uint32_t one[1] = {0x89ABCDEFu};
#define few values
#define FEW_COUNT 6

#define COUNT_values 28
#define COUNT_amounts 19
#define COUNT_zero 1
#define COUNT_one 1
#define COUNT_few FEW_COUNT

#define GROUP(name, aset, bset) \
    { \
        static const kernel_entry kernels[] = {G_##name(KENTRY)}; \
        begin_group(); \
        run_kernels(kernels, COUNT(kernels), aset, COUNT_##aset, bset, COUNT_##bset, \
                    0xF80F0000u, 0, 0xF80F0000u); \
        end_group(#name); \
    }

int main(void)
{
    init_values();
    GROUP(modimm_logic, values, zero)
    GROUP(modimm_arith, values, zero)
    GROUP(shift_logic, values, values)
    GROUP(shift_arith, values, values)
    GROUP(shift_reg, values, amounts)
    GROUP(wide_imm, values, one)
    GROUP(bitfield, values, values)
    GROUP(bitops, zero, values)
    GROUP(multiply, values, values)
    GROUP(divide, values, values)
    GROUP(saturate, values, zero)
    GROUP(load, values, few)
    GROUP(store, values, few)
    GROUP(ldm_stm, values, few)
    GROUP(branch, values, zero)
    GROUP(it, values, few)
    GROUP(exclusive, values, few)
    GROUP(special, values, values)
    return finish("torture_t2");
}
