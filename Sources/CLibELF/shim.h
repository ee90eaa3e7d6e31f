#ifndef ARMSIM_CLIBELF_SHIM_H
#define ARMSIM_CLIBELF_SHIM_H
#include <libelf.h>
#include <gelf.h>
#endif
