// How every thread of the chip is created: while the simulation runs, when its layer is started.
// SystemC 2.3 keeps the threads registered before sc_start() in a list that it searches from the
// newest to remove one that has finished; layers finish oldest first, so static SC_THREADs made
// simulate quadratic in the number of layers (2,000 layers: 1.9 s, 4,000: 9 s) and held every
// thread's stack from the start (20,000 layers exhausted memory). A thread spawned during the
// simulation is not in that list, and its stack exists only while its layer runs.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <systemc>

namespace cimsim::systemc {

// Runs a thread's body. An exception it throws stops the simulation and is kept for simulate() to
// rethrow as it was: SystemC would wrap it in an sc_report that loses its type (an InputError
// would no longer exit 2, a std::bad_alloc no longer read as out of memory).
void run_thread(const std::function<void()>& body);
// Throws the first exception a thread stopped the simulation with, if any.
void rethrow_thread_failure();

// Spawns `(module->*body)()` as a thread named after the module's full name and `role`.
template <class Module>
void spawn_thread(Module* module, void (Module::*body)(), const char* role) {
  std::string name = std::string(module->name()) + "_" + role;
  std::replace(name.begin(), name.end(), '.', '_');  // a process name is one level
  sc_core::sc_spawn([module, body] { run_thread([module, body] { (module->*body)(); }); },
                    name.c_str());
}

}  // namespace cimsim::systemc
