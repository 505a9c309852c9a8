#include "systemc/progress.hpp"

#include "systemc/time_units.hpp"

namespace cimsim::systemc {

Progress::Progress(std::int64_t per_inference, std::int64_t inferences, bool complete)
    : per_inference_(per_inference), finish_ns_(std::size_t(inferences), 0.0) {
  if (complete)
    ready_ = per_inference * inferences;
  else
    done_.assign(std::size_t(per_inference * inferences), 0);
}

void Progress::complete(std::int64_t index) {
  done_[std::size_t(index)] = 1;
  const std::int64_t before = ready_;
  while (ready_ < std::int64_t(done_.size()) && done_[std::size_t(ready_)]) {
    ++ready_;
    if (ready_ % per_inference_ == 0)
      finish_ns_[std::size_t(ready_ / per_inference_ - 1)] = now_ns();
  }
  if (ready_ == before) return;
  advanced_.notify(sc_core::SC_ZERO_TIME);
  if (before == 0)
    for (const auto& action : first_ready_) action();
}

void Progress::wait_for(std::int64_t count) const {
  while (ready_ < count) sc_core::wait(advanced_);
}

}  // namespace cimsim::systemc
