/*
 * hello: newlib stdio, malloc and exit over semihosting.
 * Expected stdout: reference/hello.py. Exit status 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    printf("hello from armsim firmware\n");
    printf("int %d %d %u\n", 42, -17, 4000000000u);
    printf("hex 0x%08x %x %X\n", 0xDEADBEEFu, 255u, 0xABCDu);
    printf("str [%s] [%10s] [%-6s]\n", "cortex-m0", "thumb", "v6m");
    printf("width [%5d] [%-5d] [%05d] [%+d]\n", 123, 45, -67, 8);
    printf("char %c%c%c\n", 'a', 'r', 'm');

    char *buffer = malloc(64);
    if (buffer == NULL) {
        puts("malloc failed");
        return 1;
    }
    for (int i = 0; i < 26; i++) {
        buffer[i] = (char)('a' + i);
    }
    buffer[26] = '\0';
    unsigned sum = 0;
    for (int i = 0; i < 26; i++) {
        sum += (unsigned char)buffer[i];
    }
    printf("malloc %s len=%u sum=%u\n", buffer, (unsigned)strlen(buffer), sum);
    free(buffer);

    puts("puts works");
    printf("bye\n");
    return 0;
}
