/*
 * armsim.h — tell armsim where an inference starts and ends, and name points of a run.
 *
 *   armsim_inference_begin("kws");   ... run the model ...   armsim_inference_end();
 *   armsim_mark("preprocess done");
 *
 * armsim counts cycles, instructions and stack depth between the markers (see
 * docs/semihosting.md). The calls use semihosting operations 0x100-0x102, numbers the
 * semihosting specification reserves for applications; a debugger that does not know
 * them returns -1 and nothing else happens.
 *
 * On hardware without a debugger attached, BKPT halts or faults, so builds for real
 * boards define ARMSIM_MARKERS=0 (e.g. -DARMSIM_MARKERS=0): every call then compiles to
 * nothing. No dependencies: include it from C or C++.
 */
#ifndef ARMSIM_H
#define ARMSIM_H

#ifndef ARMSIM_MARKERS
#define ARMSIM_MARKERS 1
#endif

#define ARMSIM_OP_INFERENCE_BEGIN 0x100
#define ARMSIM_OP_INFERENCE_END   0x101
#define ARMSIM_OP_MARK            0x102

#if ARMSIM_MARKERS
static inline void armsim__call(unsigned operation, const void *parameter)
{
    register unsigned r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = parameter;
    __asm__ volatile("bkpt #0xAB" : "+r"(r0) : "r"(r1) : "memory");
}
#else
static inline void armsim__call(unsigned operation, const void *parameter)
{
    (void)operation;
    (void)parameter;
}
#endif

/* Starts an inference named `name` (a string literal; may be 0). */
static inline void armsim_inference_begin(const char *name) { armsim__call(ARMSIM_OP_INFERENCE_BEGIN, name); }

/* Ends the inference started last. */
static inline void armsim_inference_end(void) { armsim__call(ARMSIM_OP_INFERENCE_END, 0); }

/* Names a point of the run (shown in traces). */
static inline void armsim_mark(const char *name) { armsim__call(ARMSIM_OP_MARK, name); }

#endif /* ARMSIM_H */
