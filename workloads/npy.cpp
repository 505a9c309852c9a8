#include "workloads/npy.hpp"

#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

#include "core/errors.hpp"
#include "core/input_file.hpp"

namespace cimsim {
namespace {

// The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }.
// The text after `'key':`, leading blanks skipped.
std::string value_of(const std::string& header, const std::string& key, const std::string& path) {
  const std::size_t at = header.find("'" + key + "'");
  const std::size_t colon = at == std::string::npos ? at : header.find(':', at);
  if (colon == std::string::npos) throw InputError(path + ": .npy header has no '" + key + "'");
  std::size_t start = colon + 1;
  while (start < header.size() && header[start] == ' ') ++start;
  return header.substr(start);
}

std::vector<std::int64_t> shape_of(const std::string& text, const std::string& path) {
  const std::size_t close = text.find(')');
  if (text.empty() || text[0] != '(' || close == std::string::npos)
    throw InputError(path + ": .npy header's shape is not a tuple");
  std::vector<std::int64_t> shape;
  std::string digits;
  for (std::size_t i = 1; i <= close; ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (digits.size() >= 18) throw InputError(path + ": .npy shape has a dimension too large");
      digits += c;
    } else if (c == ',' || c == ')') {
      if (!digits.empty()) shape.push_back(std::stoll(digits));
      digits.clear();
    } else if (c != ' ') {
      throw InputError(path + ": .npy shape holds '" + std::string(1, c) + "', expected integers");
    }
  }
  return shape;
}

// Little-endian element types by their numpy descr (one-byte types carry '|').
struct ElementType {
  std::size_t bytes;
  double (*read)(const char*);
};
template <class T>
double read_as(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return double(value);
}
const std::map<std::string, ElementType>& element_types() {
  static const std::map<std::string, ElementType> table = {
      {"<f4", {4, &read_as<float>}},          {"<f8", {8, &read_as<double>}},
      {"|i1", {1, &read_as<std::int8_t>}},    {"|u1", {1, &read_as<std::uint8_t>}},
      {"<i2", {2, &read_as<std::int16_t>}},   {"<u2", {2, &read_as<std::uint16_t>}},
      {"<i4", {4, &read_as<std::int32_t>}},   {"<u4", {4, &read_as<std::uint32_t>}},
      {"<i8", {8, &read_as<std::int64_t>}},   {"<u8", {8, &read_as<std::uint64_t>}},
  };
  return table;
}

const ElementType& element_type(const std::string& text, const std::string& path) {
  const std::size_t close = text.size() > 1 ? text.find('\'', 1) : std::string::npos;
  const std::string descr = text.empty() || text[0] != '\'' || close == std::string::npos ? "" : text.substr(1, close - 1);
  const auto found = element_types().find(descr);
  if (found != element_types().end()) return found->second;
  std::string known;
  for (const auto& entry : element_types()) known += " " + entry.first;
  throw InputError(path + ": .npy data type '" + descr + "' is not supported; expected one of" + known);
}

std::uint32_t little_endian(const std::string& bytes, std::size_t at, std::size_t count) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < count; ++i) value |= std::uint32_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

}  // namespace

NpyArray read_npy(const std::string& path) {
  require_readable_file(path, ".npy array");
  std::ifstream file(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw InputError(path + ": not a .npy file (no \\x93NUMPY magic)");
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) throw InputError(path + ": .npy format version " + std::to_string(major) + " is not supported");
  const std::size_t length_bytes = major == 1 ? 2 : 4, header_start = 8 + length_bytes;
  if (bytes.size() < header_start) throw InputError(path + ": .npy header is cut short");
  const std::size_t header_length = little_endian(bytes, 8, length_bytes);
  if (bytes.size() < header_start + header_length) throw InputError(path + ": .npy header is cut short");
  const std::string header = bytes.substr(header_start, header_length);

  const ElementType& type = element_type(value_of(header, "descr", path), path);
  if (value_of(header, "fortran_order", path).rfind("False", 0) != 0)
    throw InputError(path + ": .npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
  NpyArray array;
  array.shape = shape_of(value_of(header, "shape", path), path);
  std::int64_t count = 1;
  for (std::int64_t d : array.shape)
    if (__builtin_mul_overflow(count, d, &count)) throw InputError(path + ": .npy shape has more than 2^63 elements");
  const std::size_t data = header_start + header_length, have = bytes.size() - data;
  if (std::uint64_t(count) > have / type.bytes || have != std::size_t(count) * type.bytes)
    throw InputError(path + ": .npy data holds " + std::to_string(have) + " bytes, its shape needs " +
                     std::to_string(count) + " values of " + std::to_string(type.bytes) + " bytes");
  array.values.resize(std::size_t(count));
  for (std::size_t i = 0; i < array.values.size(); ++i) array.values[i] = type.read(bytes.data() + data + i * type.bytes);
  return array;
}

}  // namespace cimsim
