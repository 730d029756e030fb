#pragma once
// Memory a large read freed, handed back to the system. glibc keeps what a thread freed in that thread's arena for
// later use: after a worker read a million results (and dropped all but what it returns) the process stayed 1.4 GiB
// larger (bench_analytics, Compare) though the page held a few MiB. Elsewhere this does nothing.

namespace tierlens {

void releaseFreeMemory();

} // namespace tierlens
