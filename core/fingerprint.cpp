#include "core/fingerprint.hpp"

#include <cstdio>

namespace cimsim {

void Fingerprint::add_bytes(std::string_view bytes) {
  for (unsigned char c : bytes) hash_ = (hash_ ^ c) * 1099511628211ull;
}

Fingerprint& Fingerprint::add(std::string_view text) {
  add_bytes(std::to_string(text.size()) + ":");
  add_bytes(text);
  return *this;
}

std::string Fingerprint::hex() const {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash_));
  return buffer;
}

}  // namespace cimsim
