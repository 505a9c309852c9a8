// The catalogue of malformed inputs and the exact message each one gets: where (file:line,
// column or key), what was found and what was expected. Inputs go through the fuzz harness
// targets (tests/fuzz/harness.cpp), which write them to files in a scratch folder shown as DIR.
#include <algorithm>
#include <cstdio>
#include <catch2/catch.hpp>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "accuracy/accuracy.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "report/csv.hpp"
#include "report/report.hpp"
#include "tests/fuzz/harness.hpp"
#include "workloads/dataset.hpp"
#include "workloads/npy.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

const std::string H = "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n";

// The header and `rows`, each padded with empty fields to the header's 13 columns.
std::string net(const std::string& rows) {
  std::string text = H, line;
  for (char c : rows) {
    if (c != '\n') {
      line += c;
      continue;
    }
    text += line + std::string(std::size_t(12 - std::count(line.begin(), line.end(), ',')), ',') + "\n";
    line.clear();
  }
  return text;
}

const std::string kMlp = net("fc1,linear,,4,1,1,3\nr,relu,,3,1,1\nfc2,linear,,3,1,1,2\n");

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The message `target` throws for `input`, with the scratch folder written as DIR.
std::string message_of(const std::string& target, const std::string& input) {
  try {
    fuzz::find_target(target).run(input);
  } catch (const InputError& error) {
    return replace_all(error.what(), fuzz::scratch_dir(), "DIR");
  }
  return "(no error)";
}

// A version-1 .npy file: magic, header length, the header dict padded as numpy pads it, the data.
std::string npy(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  return std::string("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xff) + char(header.size() >> 8) + header + data;
}

std::string gzip(const std::string& text) {
  uLongf size = compressBound(uLong(text.size())) + 32;
  std::string out(size, '\0');
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 15 + 16: a gzip header
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = uInt(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(size);
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// One digits row: 64 pixels of value `pixel` and a label.
std::string digits_row(const std::string& pixel, const std::string& label) {
  std::string row;
  for (int i = 0; i < 64; ++i) row += pixel + ",";
  return row + label + "\n";
}

struct Case {
  const char* what;
  const char* target;
  std::string input;
  std::string expected;
};

}  // namespace

TEST_CASE("errors: every malformed input names where, what was found and what was expected") {
  const std::string big = "1073741824";  // 2^30, the largest size
  const Case cases[] = {
      // cimsim workload CSV
      {"empty file", "workload_csv", "",
       "DIR/input.csv: empty file, expected a header row or NeuroSim layer rows"},
      {"header only", "workload_csv", H,
       "DIR/input.csv: no layers after the header row"},
      {"comments and blank lines only", "workload_csv", "# nothing\n\n",
       "DIR/input.csv: no header row, expected the columns name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"},
      {"missing required column", "workload_csv", "name,kind,in_c,in_h\nx,relu,1,1\n",
       "DIR/input.csv:1: header lacks the required column 'in_w'"},
      {"extra (unknown) column", "workload_csv", "name,kind,in_c,in_h,in_w,colour\nx,relu,1,1,1,red\n",
       "DIR/input.csv: header: unknown column 'colour', expected the columns name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"},
      {"duplicated column", "workload_csv", "name,kind,in_c,in_h,in_w,in_w\nx,relu,1,1,1,1\n",
       "DIR/input.csv: header: column 'in_w' given twice"},
      {"row with too many fields", "workload_csv", H + "x,relu,,1,1,1,,,,,,,,,\n",
       "DIR/input.csv:2: too many fields, expected the columns name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"},
      {"row with too few fields", "workload_csv", H + "x,relu,,1,1\n",
       "DIR/input.csv:2: too few fields, expected the columns name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"},
      {"non-numeric size", "workload_csv", net("x,relu,,abc,1,1\n"),
       "DIR/input.csv:2: column 'in_c': 'abc' is not an integer"},
      {"negative size", "workload_csv", net("x,relu,,-3,1,1\n"),
       "DIR/input.csv:2: column 'in_c': '-3' is out of range, expected an integer >= 1"},
      {"zero size", "workload_csv", net("x,relu,,1,0,1\n"),
       "DIR/input.csv:2: column 'in_h': '0' is out of range, expected an integer >= 1"},
      {"size above 2^30", "workload_csv", net("x,relu,,1,1,1073741825\n"),
       "DIR/input.csv:2: column 'in_w': '1073741825' is too large, expected at most 1073741824"},
      {"size beyond 64 bits", "workload_csv", net("x,relu,,99999999999999999999,1,1\n"),
       "DIR/input.csv:2: column 'in_c': '99999999999999999999' is too large, expected at most 1073741824"},
      {"NaN size", "workload_csv", net("x,relu,,nan,1,1\n"),
       "DIR/input.csv:2: column 'in_c': 'nan' is not an integer"},
      {"infinite size", "workload_csv", net("x,relu,,1,inf,1\n"),
       "DIR/input.csv:2: column 'in_h': 'inf' is not an integer"},
      {"fractional size", "workload_csv", net("x,relu,,1,1,2.5\n"),
       "DIR/input.csv:2: column 'in_w': '2.5' is not an integer"},
      {"empty required size", "workload_csv", net("x,linear,,4,1,1,\n"),
       "DIR/input.csv:2: column 'out_c': empty, expected an integer >= 1"},
      {"kernel larger than its input", "workload_csv", net("c,conv2d,,1,4,4,8,5,5\n"),
       "DIR/input.csv:2: column 'kernel_h': kernel 5 (span 5) is larger than the input 4 plus padding 0"},
      {"inconsistent channels between layers", "workload_csv", net("a,conv2d,,3,8,8,16,3,3,1,1\nb,relu,,8,8,8\n"),
       "DIR/input.csv:3: column 'in_c': expected 16 (the output channels of 'a'), found 8"},
      {"unknown layer kind", "workload_csv", net("x,dense,,1,1,1\n"),
       "DIR/input.csv:2: column 'kind': unknown layer kind 'dense', expected one of conv2d linear matmul maxpool avgpool relu relu6 gelu sigmoid tanh add softmax layernorm flatten concat batchnorm"},
      {"duplicate layer names", "workload_csv", net("x,relu,,1,1,1\nx,relu,,1,1,1\n"),
       "DIR/input.csv:3: column 'name': duplicate layer name 'x'"},
      {"empty layer name", "workload_csv", net(",relu,,1,1,1\n"),
       "DIR/input.csv:2: column 'name': empty, expected a layer name"},
      {"unknown input layer", "workload_csv", net("x,relu,ghost,1,1,1\n"),
       "DIR/input.csv:2: column 'inputs': no earlier layer named 'ghost'"},
      {"add with a single input", "workload_csv", net("x,relu,,1,1,1\ny,add,x,1,1,1\n"),
       "DIR/input.csv:3: column 'inputs': add needs two or more inputs, found 1"},
      {"groups not dividing channels", "workload_csv", net("c,conv2d,,3,8,8,8,3,3,1,1,1,2\n"),
       "DIR/input.csv:2: column 'in_c': 3 is not divisible by groups = 2"},
      {"reserved name 'input'", "workload_csv", net("input,relu,,1,1,1\n"),
       "DIR/input.csv:2: column 'name': 'input' is reserved for the network input"},
      {"matmul operand of the wrong shape", "workload_csv",
       net("a,linear,,8,4,1,8\nb,linear,input,8,4,1,6\nm,matmul,a;b,8,4,1,4\n"),
       "DIR/input.csv:4: column 'inputs': second operand 'b' has shape 6x4x1, which fits neither K x N nor N x K for K = 8, N = 4 per head"},
      {"counts overflowing 64 bits", "workload_csv", net("x,relu,," + big + "," + big + "," + big + "\n"),
       "DIR/input.csv:2: layer 'x' is too large: its element, weight or MAC count overflows 64 bits"},
      // DNN+NeuroSim NetWork.csv
      {"NeuroSim: 7 integers", "neurosim_network", "32,32,3,3,3,128,0\n",
       "DIR/input.csv:1: too few fields, expected 8 integers per line (a NeuroSim NetWork.csv)"},
      {"NeuroSim: 9 integers", "neurosim_network", "32,32,3,3,3,128,0,1,1\n",
       "DIR/input.csv:1: too many fields, expected 8 integers per line (a NeuroSim NetWork.csv)"},
      {"NeuroSim: non-integer", "neurosim_network", "32,32,3,3,x,128,0,1\n",
       "DIR/input.csv:1: column 5 (kernel width): 'x' is not an integer"},
      {"NeuroSim: pooling flag 2", "neurosim_network", "32,32,3,3,3,128,2,1\n",
       "DIR/input.csv:1: column 7 (pooling flag): '2' is out of range, expected 0..1"},
      {"NeuroSim: zero stride", "neurosim_network", "32,32,3,3,3,128,0,0\n",
       "DIR/input.csv:1: column 8 (stride): '0' is out of range, expected 1..1073741824"},
      {"NeuroSim: channels differ from the previous layer", "neurosim_network", "8,8,3,3,3,16,0,1\n8,8,32,3,3,16,0,1\n",
       "DIR/input.csv:2: column 3 (IFM channels): expected 16 from the previous layer's output 16x8x8, found 32"},
      {"NeuroSim: kernel larger than its input", "neurosim_network", "2,2,3,1,9,16,0,1\n",
       "DIR/input.csv:1: column 4 (kernel height): kernel larger than the padded input 3x2x2"},
      {"NeuroSim: sizes overflowing 64 bits", "neurosim_network",
       big + "," + big + "," + big + ",1,1,4,0,1\n",
       "DIR/input.csv:1: layer 'conv1' is too large: its element, weight or MAC count overflows 64 bits"},
      // INI configuration
      // A NUL byte: C-string line readers would end the line there and skip the row as empty.
      {"NUL starting a workload row", "workload_csv", kMlp + std::string("\0", 1) + "fc3,linear,,-2,1,1,2\n",
       "DIR/input.csv:5: a NUL byte at column 1, expected a text workload file"},
      {"NUL inside a weight row", "weights", kMlp + "|0,0,0\n0," + std::string("\0", 1) + "x,0\n",
       "DIR/fc1.weights.csv:2: a NUL byte at column 3, expected a text weight file"},
      {"NUL starting a trace row", "neurosim_trace", "0.5\n" + std::string("\0", 1) + "9\n|0,0,0,0,0,0,0,0\n",
       "DIR/weight0.csv:2: a NUL byte at column 1, expected a text trace file"},
      {"NUL starting an INI line", "ini_config", "[adc]\n" + std::string("\0", 1) + "bits = 99\n",
       "DIR/config.ini:2: a NUL byte at column 1, expected a text config file"},
      {"NUL in a zero-fraction row", "zero_fractions", "layer,input_zero_fraction\n" + std::string("\0", 1) + "x,2\n",
       "DIR/zeros.csv:2: a NUL byte at column 1, expected a text zero-fraction file"},
      {"INI: unknown key", "ini_config", "[adc]\nbitz = 6\n",
       "DIR/config.ini:2: unknown key 'adc.bitz' (did you mean 'adc.bits'?); `cimsim config` lists every key"},
      {"INI: key given twice", "ini_config", "[adc]\nbits = 6\nbits = 7\n",
       "DIR/config.ini:3: key 'adc.bits' given twice (first at DIR/config.ini:2)"},
      {"INI: malformed section", "ini_config", "[adc\nbits = 6\n",
       "DIR/config.ini:1: malformed section header '[adc', expected [name]"},
      {"INI: line without '='", "ini_config", "[adc]\nbits 6\n",
       "DIR/config.ini:2: expected 'key = value', found 'bits 6'"},
      {"INI: out of range", "ini_config", "[adc]\nbits = 99\n",
       "DIR/config.ini:2: adc.bits = '99': out of range, expected an integer in 1..16"},
      {"INI: not a number", "ini_config", "[device]\nr_on_ohm = low\n",
       "DIR/config.ini:2: device.r_on_ohm = 'low': not a number, expected a number > 0 and <= 1e+18"},
      {"INI: NaN", "ini_config", "[device]\nr_on_ohm = nan\n",
       "DIR/config.ini:2: device.r_on_ohm = 'nan': not a finite number, expected a number > 0 and <= 1e+18"},
      {"INI: infinity", "ini_config", "[device]\nr_off_ohm = inf\n",
       "DIR/config.ini:2: device.r_off_ohm = 'inf': not a finite number, expected a number > 0 and <= 1e+18"},
      {"INI: zero array rows", "ini_config", "[array]\nrows = 0\n",
       "DIR/config.ini:2: array.rows = '0': out of range, expected an integer in 1..4096"},
      {"INI: R_off below R_on", "ini_config", "[device]\nr_on_ohm = 2e6\nr_off_ohm = 1e6\n",
       "configuration: device.r_off_ohm (1000000) must exceed device.r_on_ohm (2000000)"},
      // sparsity.layer_zero_fractions (DIR/config.ini names DIR/zeros.csv, the input)
      {"zero fractions: empty file", "zero_fractions", "",
       "DIR/zeros.csv: empty file, expected the header layer,input_zero_fraction"},
      {"zero fractions: comments only", "zero_fractions", "# measured\n",
       "DIR/zeros.csv: no header row, expected the columns layer,input_zero_fraction"},
      {"zero fractions: header only", "zero_fractions", "layer,input_zero_fraction\n",
       "DIR/zeros.csv: no rows after the header, expected one row per crossbar layer"},
      {"zero fractions: missing column", "zero_fractions", "layer\nfc1\n",
       "DIR/zeros.csv:1: header lacks the required column 'input_zero_fraction'"},
      {"zero fractions: unknown column", "zero_fractions", "layer,zeros\nfc1,0.5\n",
       "DIR/zeros.csv: header: unknown column 'zeros', expected the columns layer,input_zero_fraction"},
      {"zero fractions: too many fields", "zero_fractions", "layer,input_zero_fraction\nfc1,0.5,1\n",
       "DIR/zeros.csv:2: too many fields, expected the columns layer,input_zero_fraction"},
      {"zero fractions: non-numeric", "zero_fractions", "layer,input_zero_fraction\nfc1,half\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': 'half' is not a number"},
      {"zero fractions: trailing characters", "zero_fractions", "layer,input_zero_fraction\nfc1,0.5%\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': '0.5%' is not a number"},
      {"zero fractions: NaN", "zero_fractions", "layer,input_zero_fraction\nfc1,0.5\nfc2,nan\n",
       "DIR/zeros.csv:3: column 'input_zero_fraction': 'nan' is not a finite number"},
      {"zero fractions: infinity", "zero_fractions", "layer,input_zero_fraction\nfc1,inf\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': 'inf' is not a finite number"},
      {"zero fractions: above 1", "zero_fractions", "layer,input_zero_fraction\nfc1,1.5\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': '1.5' is out of range, expected a number in [0, 1]"},
      {"zero fractions: negative", "zero_fractions", "layer,input_zero_fraction\nfc1,-0.25\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': '-0.25' is out of range, expected a number in [0, 1]"},
      {"zero fractions: empty fraction", "zero_fractions", "layer,input_zero_fraction\nfc1,\n",
       "DIR/zeros.csv:2: column 'input_zero_fraction': empty, expected a number in [0, 1]"},
      {"zero fractions: empty layer name", "zero_fractions", "layer,input_zero_fraction\n,0.5\n",
       "DIR/zeros.csv:2: column 'layer': empty, expected a layer name"},
      {"zero fractions: duplicate layer", "zero_fractions",
       "layer,input_zero_fraction\nfc1,0.5\n# again\nfc1,0.25\n",
       "DIR/zeros.csv:4: column 'layer': duplicate layer name 'fc1' (first at line 2)"},
      // weight files (network.csv | fc1 weights | fc1 bias | fc2 weights | fc2 bias)
      {"weights: missing bias file", "weights", kMlp + "|0,0,0\n0,0,0\n0,0,0\n0,0,0\n",
       "DIR/fc1.bias.csv: cannot open weight file: no such file"},
      {"weights: a row too short", "weights", kMlp + "|0,0,0\n0,0\n",
       "DIR/fc1.weights.csv:2: 2 values, expected 3"},
      {"weights: too many rows", "weights", kMlp + "|0,0,0\n0,0,0\n0,0,0\n0,0,0\n0,0,0\n",
       "DIR/fc1.weights.csv:5: more than 4 rows"},
      {"weights: not a number", "weights", kMlp + "|0,x,0\n",
       "DIR/fc1.weights.csv:1: column 2: 'x' is not a number"},
      {"weights: NaN", "weights", kMlp + "|0,nan,0\n",
       "DIR/fc1.weights.csv:1: column 2: 'nan' is not a finite number"},
      // NeuroSim traces (weight0.csv | input0.csv | ...)
      {"trace: weight outside [-1, 1]", "neurosim_trace", "0.5,2\n|0,0,0,0,0,0,0,0\n",
       "DIR/weight0.csv:1: column 2: 2 is outside [-1, 1]"},
      {"trace: input not a bit", "neurosim_trace", "0.5\n|0,0,0,2,0,0,0,0\n",
       "DIR/input0.csv:1: column 4: '2' is not a bit (0 or 1)"},
      {"trace: input rows differ from weight rows", "neurosim_trace", "0.5\n0.5\n|0,0,0,0,0,0,0,0\n",
       "DIR/input0.csv: 1 rows, expected 2 (the rows of DIR/weight0.csv)"},
      {"trace: input columns not a multiple of 8", "neurosim_trace", "0.5\n|0,0,0\n",
       "DIR/input0.csv:1: 3 columns, not a multiple of the 8 input bits"},
      {"trace: ragged weight rows", "neurosim_trace", "0.5,0.5\n0.5\n|0,0,0,0,0,0,0,0\n",
       "DIR/weight0.csv:2: 1 values, expected 2 like line 1"},
      {"trace: input file missing", "neurosim_trace", "0.5\n",
       "DIR/input0.csv: missing (each layer needs weight<L>.csv and input<L>.csv)"},
      // digits data (.csv.gz)
      {"digits: empty data file", "digits", "",
       "DIR/data.csv.gz: empty data file"},
      {"digits: pixel out of range", "digits", digits_row("17", "3"),
       "DIR/data.csv.gz:1: column 1: 17 is out of range 0..16"},
      {"digits: label out of range", "digits", digits_row("0", "10"),
       "DIR/data.csv.gz:1: column 65: 10 is out of range 0..9"},
      {"digits: too few fields", "digits", "1,2,3\n",
       "DIR/data.csv.gz:1: 3 fields, expected 65"},
      {"digits: truncated gzip", "digits", gzip(digits_row("1", "1")).substr(0, 20),
       "DIR/data.csv.gz: corrupt or truncated gzip data (DIR/data.csv.gz: unexpected end of file)"},
      // .npy arrays (accuracy --inputs, --labels, --reference-outputs)
      {"npy: not an npy file", "npy_array", "x,y\n1,2\n", "DIR/array.npy: not a .npy file (no \\x93NUMPY magic)"},
      {"npy: header cut short", "npy_array", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "").substr(0, 30),
       "DIR/array.npy: .npy header is cut short"},
      {"npy: complex numbers", "npy_array", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "12345678"),
       "DIR/array.npy: .npy data type '<c8' is not supported; expected one of <f4 <f8 <i2 <i4 <i8 <u2 <u4 <u8 |i1 |u1"},
      {"npy: Fortran order", "npy_array", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", "1234"),
       "DIR/array.npy: .npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)"},
      {"npy: shape not a tuple", "npy_array", npy("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", "1234"),
       "DIR/array.npy: .npy header's shape is not a tuple"},
      {"npy: no data type", "npy_array", npy("{'fortran_order': False, 'shape': (1,), }", "1234"),
       "DIR/array.npy: .npy header has no 'descr'"},
      {"npy: data short of the shape", "npy_array", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "1234"),
       "DIR/array.npy: .npy data holds 4 bytes, its shape needs 2 values of 4 bytes"},
      {"npy: shape overflows", "npy_array",
       npy("{'descr': '<f4', 'fortran_order': False, 'shape': (999999999999999999, 999999999999999999), }", ""),
       "DIR/array.npy: .npy shape has more than 2^63 elements"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(message_of(c.target, c.input) == c.expected);
  }
}

// Root reads files whatever their mode bits, so the unreadable file here is a FIFO, which would
// block a reader forever, and /dev/zero, which never ends: every reader refuses anything that is
// not a regular file.
TEST_CASE("errors: a missing file, a folder, a FIFO or a device is refused by every reader, naming the path") {
  const std::string dir = fuzz::scratch_dir(), fifo = dir + "/fifo.csv";
  ::unlink(fifo.c_str());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const struct {
    const char* what;
    std::function<void(const std::string&)> read;
  } readers[] = {
      {"workload", [](const std::string& path) { load_workload(path); }},
      {"config", [](const std::string& path) { read_ini_settings(path); }},
      {"data", [](const std::string& path) { read_digits(path); }},
      {"zero-fraction", [](const std::string& path) { read_layer_zero_fractions(path); }},
      {"sweep CSV", [](const std::string& path) { report::read_csv_file(path); }},  // merge, resume
      {"run JSON or sweep CSV", [](const std::string& path) { report::write_reports(path, "/dev/null", "/dev/null"); }},
      {".npy array", [](const std::string& path) { read_npy(path); }},
  };
  for (const auto& reader : readers) {
    INFO(reader.what);
    const std::string kind = reader.what;
    CHECK_THROWS_WITH(reader.read("/no/such/file"), "/no/such/file: cannot open " + kind + " file: no such file");
    CHECK_THROWS_WITH(reader.read(dir), dir + ": is a directory, expected a " + kind + " file");
    CHECK_THROWS_WITH(reader.read(fifo), fifo + ": is not a regular file, expected a " + kind + " file");
    CHECK_THROWS_WITH(reader.read("/dev/zero"), "/dev/zero: is not a regular file, expected a " + kind + " file");
  }
  ::unlink(fifo.c_str());
}

// Editors may start a text file with a UTF-8 byte order mark, and cimsim's CSV columns may come in
// any order: neither may turn the file into another format or an "empty file".
TEST_CASE("errors: a leading UTF-8 BOM is skipped and a reordered header is still cimsim's format") {
  const std::string dir = fuzz::scratch_dir(), bom = "\xEF\xBB\xBF";
  const auto write = [&](const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
    return path;
  };
  const Network plain = load_workload(write("plain.csv", kMlp));
  const Network with_bom = load_workload(write("bom.csv", bom + kMlp));
  REQUIRE(with_bom.layers.size() == plain.layers.size());
  CHECK(with_bom.layers[0].name == "fc1");
  CHECK(with_bom.layers[2].out.channels == 2);
  const Network reordered = load_workload(write("reordered.csv", "out_c,in_w,in_h,in_c,kind,name\n3,1,1,4,linear,fc1\n,1,1,3,relu,r\n2,1,1,3,linear,fc2\n"));
  REQUIRE(reordered.layers.size() == 3);
  CHECK(reordered.layers[2].out.channels == 2);
  CHECK(read_ini_settings(write("bom.ini", bom + "[adc]\nbits = 6\n")).at(0).key == "adc.bits");
  CHECK_THROWS_WITH(report::write_reports(write("bom.json", bom + "{}"), "/dev/null", "/dev/null"),
                    Catch::Contains("a JSON file without analog results"));
  CHECK_THROWS_WITH(report::write_reports(write("bom_only.json", bom), "/dev/null", "/dev/null"),
                    Catch::Contains("empty file"));
  CHECK_THROWS_WITH(report::read_csv_file(write("no_newline.csv", "point,status")),
                    Catch::EndsWith("no_newline.csv: no complete line (the only one has no newline), expected a CSV header line"));
}
