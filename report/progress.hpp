// Sweep progress on stderr: a bar redrawn in place on a terminal, plain lines elsewhere.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace cimsim::report {

// "[#####.....]  120/1000  12.0%  85.3 points/s  ETA 0:00:10" (bar) or
// "sweep: 120/1000 points (12.0%), 85.3 points/s, ETA 0:00:10" (plain).
std::string progress_line(std::int64_t done, std::int64_t total, double elapsed_s, bool bar);

class Progress {
 public:
  Progress(std::ostream& log, bool terminal, std::int64_t total);
  // Redraws at most 10 times a second on a terminal, once a second otherwise.
  void update(std::int64_t done);
  void finish(std::int64_t done);
  std::chrono::milliseconds period() const;

 private:
  std::ostream& log_;
  bool terminal_;
  std::int64_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
  void draw(std::int64_t done, bool last);
};

}  // namespace cimsim::report
