#include "Memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tierlens {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0); // every arena, not only the main one (glibc >= 2.8)
#endif
}

} // namespace tierlens
