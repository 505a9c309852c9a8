// The SystemC test program: libsystemc provides main() and calls sc_main, which runs Catch2.
// ctest runs every test case in a process of its own, because a SystemC kernel runs once per
// process: each TEST_CASE simulates at most once.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

// libsystemc calls sc_main with C linkage (sc_externs.h).
extern "C" int sc_main(int argc, char** argv) { return Catch::Session().run(argc, argv); }
