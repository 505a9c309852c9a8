#include <cmath>
#include <sstream>

#include "validation/validation.hpp"

namespace cimsim::validation {

std::string Tolerance::text() const {
  std::ostringstream out;
  if (kind == Kind::relative) out << "+-" << value * 100 << "%";
  if (kind == Kind::points) out << "+-" << value << " points";
  if (kind == Kind::band) out << "in " << low << ".." << high;
  return out.str();
}

bool Tolerance::holds(double published, double measured) const {
  if (!std::isfinite(measured)) return false;
  if (kind == Kind::relative) return std::fabs(measured / published - 1.0) <= value;
  if (kind == Kind::points) return std::fabs(measured - published) <= value;
  return measured >= low && measured <= high;
}

}  // namespace cimsim::validation
