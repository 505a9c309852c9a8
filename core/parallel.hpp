// Work spread over the cores in fixed chunks: the split depends only on the work's size, never on
// the number of threads, so no result does either.
#pragma once

#include <cstdint>
#include <functional>

namespace cimsim {

// Calls work(first, count) for the chunks [0, chunk), [chunk, 2 chunk), ... of [0, total), the
// chunks shared round-robin among `threads` threads (0: one per hardware thread; never more than
// there are chunks). The first exception a chunk throws is rethrown once all have stopped.
void parallel_chunks(std::int64_t total, std::int64_t chunk, int threads,
                     const std::function<void(std::int64_t first, std::int64_t count)>& work);

}  // namespace cimsim
