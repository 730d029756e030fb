// bench_wakeup: what the machine charges for work done right after a thread wakes. The same small piece of work
// (a map of 200 strings, a pass over 256 KB) is timed on the thread's CPU clock back to back and after sleeps of
// 1, 5 and 20 ms. On the project's machine the cost more than doubles after 20 ms asleep (caches and clocks go
// cold), which is why a run whose answers trickle in costs more CPU per request than the same run at full pace
// (README, the notes under the benchmark table). Prints figures; asserts nothing.
//   bench_wakeup

#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

double threadCpuUs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
}

double workAfterSleepUs(int sleepUs, int rounds)
{
    std::vector<char> buffer(1 << 20);
    volatile unsigned long sink = 0;
    double total = 0;
    for (int i = 0; i < rounds; ++i) {
        if (sleepUs > 0)
            std::this_thread::sleep_for(std::chrono::microseconds(sleepUs));
        const double start = threadCpuUs();
        std::map<std::string, int> map;
        for (int k = 0; k < 200; ++k)
            map[std::to_string(k * 7919)] = k;
        for (size_t j = 0; j < buffer.size() / 4; j += 64)
            sink = sink + static_cast<unsigned long>(buffer[(j * 2654435761u) % buffer.size()]++);
        total += threadCpuUs() - start;
    }
    return total / rounds;
}

} // namespace

int main()
{
    const double hot = workAfterSleepUs(0, 2000);
    std::printf("the same work, CPU time per piece: back to back %.1f us", hot);
    for (const auto& [sleepUs, rounds] :
         { std::pair { 1000, 1000 }, std::pair { 5000, 400 }, std::pair { 20000, 150 } }) {
        const double us = workAfterSleepUs(sleepUs, rounds);
        std::printf("; after %d ms asleep %.1f us (x%.1f)", sleepUs / 1000, us, us / hot);
    }
    std::printf("\n");
    return 0;
}
