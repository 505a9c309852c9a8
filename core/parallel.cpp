#include "core/parallel.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace cimsim {

void parallel_chunks(std::int64_t total, std::int64_t chunk, int threads,
                     const std::function<void(std::int64_t, std::int64_t)>& work) {
  if (total <= 0) return;
  const std::int64_t chunks = (total + chunk - 1) / chunk;
  const int available = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
  const int workers = int(std::min<std::int64_t>(available, chunks));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  auto run = [&](int worker) {
    try {
      for (std::int64_t c = worker; c < chunks; c += workers) work(c * chunk, std::min(chunk, total - c * chunk));
    } catch (...) {
      errors[std::size_t(worker)] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int worker = 1; worker < workers; ++worker) pool.emplace_back(run, worker);
  run(0);
  for (auto& thread : pool) thread.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace cimsim
