#include "systemc/spawn.hpp"

#include <exception>

namespace cimsim::systemc {
namespace {

std::exception_ptr first_failure;  // one simulation per process (see simulate())

}  // namespace

void run_thread(const std::function<void()>& body) {
  try {
    body();
  } catch (...) {
    if (!first_failure) first_failure = std::current_exception();
    sc_core::sc_stop();
  }
}

void rethrow_thread_failure() {
  if (first_failure) std::rethrow_exception(first_failure);
}

}  // namespace cimsim::systemc
