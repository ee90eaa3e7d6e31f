/*
 * The 1 MiB table of src/bigimage.c: build/gen/bigimage_table.bin (written by
 * reference/bigimage.py --table; the Makefile passes -Wa,-I build/gen).
 */
    .section .rodata.bigimage_table, "a"
    .balign 4
    .global bigimage_table
    .global bigimage_table_end
    .type bigimage_table, %object
bigimage_table:
    .incbin "bigimage_table.bin"
bigimage_table_end:
    .size bigimage_table, bigimage_table_end - bigimage_table
