/*
 * exitcode: main returns 3; the simulator must pass the status through
 * (SYS_EXIT_EXTENDED {ApplicationExit, 3}). Expected stdout: reference/exitcode.py.
 */
#include <stdio.h>

int main(void)
{
    printf("exitcode: returning 3\n");
    return 3;
}
