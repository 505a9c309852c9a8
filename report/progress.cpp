#include "report/progress.hpp"

#include <cstdio>
#include <ostream>

namespace cimsim::report {
namespace {

std::string clock_time(double seconds) {
  const auto s = std::int64_t(seconds + 0.5);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buffer;
}

}  // namespace

std::string progress_line(std::int64_t done, std::int64_t total, double elapsed_s, bool bar) {
  const double fraction = total > 0 ? double(done) / double(total) : 1.0;
  const double rate = elapsed_s > 0 ? double(done) / elapsed_s : 0.0;
  const std::string eta = rate > 0 ? clock_time(double(total - done) / rate) : "--:--:--";
  char buffer[160];
  if (bar) {
    constexpr int kWidth = 30;
    const std::string filled(std::size_t(fraction * kWidth), '#');
    std::snprintf(buffer, sizeof buffer, "[%-30s] %lld/%lld %5.1f%%  %.1f points/s  ETA %s", filled.c_str(),
                  static_cast<long long>(done), static_cast<long long>(total), 100.0 * fraction, rate, eta.c_str());
  } else {
    std::snprintf(buffer, sizeof buffer, "sweep: %lld/%lld points (%.1f%%), %.1f points/s, ETA %s",
                  static_cast<long long>(done), static_cast<long long>(total), 100.0 * fraction, rate, eta.c_str());
  }
  return buffer;
}

Progress::Progress(std::ostream& log, bool terminal, std::int64_t total)
    : log_(log), terminal_(terminal), total_(total) {}

std::chrono::milliseconds Progress::period() const { return std::chrono::milliseconds(terminal_ ? 100 : 1000); }

void Progress::update(std::int64_t done) {
  if (std::chrono::steady_clock::now() - last_ >= period()) draw(done, false);
}

void Progress::finish(std::int64_t done) { draw(done, true); }

void Progress::draw(std::int64_t done, bool last) {
  last_ = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(last_ - start_).count();
  const std::string line = progress_line(done, total_, elapsed, terminal_);
  // On a terminal the bar is redrawn in place ("\r", then erase to the end of the line).
  if (terminal_) log_ << "\r" << line << "\033[K" << (last ? "\n" : "");
  else log_ << line << "\n";
  log_ << std::flush;
}

}  // namespace cimsim::report
