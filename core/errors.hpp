// Error types shared by every cimsim library. The CLI maps InputError to exit code 2 (the user's
// input is wrong) and anything else to exit code 1 (cimsim itself failed).
#pragma once

#include <stdexcept>
#include <string>

namespace cimsim {

// Bad input: a file, a key, a value. The message names where (file:line[:column] or
// "command line"), what was found and what was expected.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cimsim
