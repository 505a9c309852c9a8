// DNN+NeuroSim's NetWork.csv (../shared/reference/FORMATS.md) into the cimsim network IR.
#include <csv.h>
#include <stdexcept>

#include "core/csv_errors.hpp"
#include "core/errors.hpp"
#include "workloads/network_build.hpp"
#include "workloads/workloads.hpp"

namespace cimsim {
namespace {

constexpr const char* kColumns[8] = {"IFM height", "IFM width", "IFM channels", "kernel height",
                                     "kernel width", "output channels", "pooling flag", "stride"};

struct NeuroSimRow {
  std::int64_t values[8];
  std::string at;
  std::int64_t ifm_h() const { return values[0]; }
  std::int64_t ifm_w() const { return values[1]; }
  std::int64_t ifm_c() const { return values[2]; }
  std::int64_t kernel_h() const { return values[3]; }
  std::int64_t kernel_w() const { return values[4]; }
  std::int64_t out_c() const { return values[5]; }
  bool pool_after() const { return values[6] == 1; }
  std::int64_t stride() const { return values[7]; }
};

[[noreturn]] void fail(const NeuroSimRow& row, int column, const std::string& what) {
  throw InputError(row.at + ": column " + std::to_string(column + 1) + " (" + kColumns[column] + "): " + what);
}

NeuroSimRow parse_row(char* const* fields, const std::string& at) {
  NeuroSimRow row{{}, at};
  for (int c = 0; c < 8; ++c) {
    const std::string text = fields[c];
    std::size_t used = 0;
    long long value = -1;
    try {
      value = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (text.empty() || used != text.size()) fail(row, c, "'" + text + "' is not an integer");
    const long long lo = c == 6 ? 0 : 1, hi = c == 6 ? 1 : (1 << 30);
    if (value < lo || value > hi)
      fail(row, c, "'" + text + "' is out of range, expected " + std::to_string(lo) + ".." + std::to_string(hi));
    row.values[c] = value;
  }
  return row;
}

Layer make_layer(const std::string& name, LayerKind kind, const Shape& in, const std::string& at) {
  Layer layer;
  layer.name = name;
  layer.kind = kind;
  layer.in = in;
  layer.out = in;  // element-wise layers keep their shape; the others set theirs
  layer.source = at;
  return layer;
}

// A fully connected layer (1x1 kernel on a 1x1 input) after a feature map: flattened first when
// the map has as many elements as its channels (VGG-8), averaged over its positions when it has
// as many channels (DenseNet-40's global average pool).
void append_classifier_input(Network& net, const Shape& ifm, const std::string& id, const std::string& at) {
  const Shape previous = net.layers.back().out;
  if (previous == ifm) return;
  if (previous.elements() == ifm.elements()) {
    net.layers.push_back(make_layer("flatten" + id, LayerKind::flatten, previous, at));
  } else if (previous.channels == ifm.channels) {
    Layer pool = make_layer("avgpool" + id, LayerKind::avgpool, previous, at);
    pool.kernel_h = pool.stride = previous.height;
    pool.kernel_w = previous.width;
    net.layers.push_back(pool);
  } else {
    return;
  }
  net.layers.back().out = ifm;
}

// NeuroSim's file lists only the weight layers: a 1x1 convolution whose input is not the previous
// layer's output is a projection shortcut (ResNet) and reads the latest earlier output of its
// shape. Null for every other row: it reads the previous layer, and a mismatch stays an error.
const Layer* shortcut_source(const Network& net, const NeuroSimRow& row, const Shape& ifm) {
  const bool one_by_one = row.kernel_h() == 1 && row.kernel_w() == 1 && row.ifm_h() > 1;
  if (!one_by_one || net.layers.empty() || net.layers.back().out == ifm) return nullptr;
  for (auto layer = net.layers.rbegin(); layer != net.layers.rend(); ++layer)
    if (layer->out == ifm) return &*layer;
  return nullptr;
}

void append_weight_layer(Network& net, const NeuroSimRow& row, std::size_t index, bool last) {
  const Shape ifm{row.ifm_c(), row.ifm_h(), row.ifm_w()};
  const bool fully_connected = row.ifm_h() == 1 && row.ifm_w() == 1 && row.kernel_h() == 1 && row.kernel_w() == 1;
  const std::string id = std::to_string(index + 1);
  if (fully_connected && !net.layers.empty()) append_classifier_input(net, ifm, id, row.at);
  const Layer* shortcut = shortcut_source(net, row, ifm);
  const std::vector<std::string> inputs =
      shortcut ? std::vector<std::string>{shortcut->name} : std::vector<std::string>{};
  const Shape in = shortcut || net.layers.empty() ? ifm : net.layers.back().out;
  for (int c = 0; c < 3; ++c) {
    const std::int64_t want[3] = {in.height, in.width, in.channels};
    if (row.values[c] != want[c])
      fail(row, c, "expected " + std::to_string(want[c]) + " from the previous layer's output " + in.str() +
                       ", found " + std::to_string(row.values[c]));
  }
  Layer layer = make_layer((fully_connected ? "fc" : "conv") + id,
                           fully_connected ? LayerKind::linear : LayerKind::conv2d, in, row.at);
  layer.inputs = inputs;
  layer.out.channels = row.out_c();
  layer.kernel_h = row.kernel_h();
  layer.kernel_w = row.kernel_w();
  layer.stride = row.stride();
  layer.padding = (row.kernel_h() - 1) / 2;  // NeuroSim pads convolutions "same"
  layer.out = {row.out_c(), (in.height + 2 * layer.padding - layer.kernel_h) / layer.stride + 1,
               (in.width + 2 * layer.padding - layer.kernel_w) / layer.stride + 1};
  if (layer.kernel_h > in.height + 2 * layer.padding || layer.kernel_w > in.width + 2 * layer.padding)
    fail(row, 3, "kernel larger than the padded input " + in.str());
  net.layers.push_back(layer);
  if (!last) net.layers.push_back(make_layer("relu" + id, LayerKind::relu, layer.out, row.at));
  if (row.pool_after()) {
    Layer pool = make_layer("pool" + id, LayerKind::maxpool, net.layers.back().out, row.at);
    pool.kernel_h = pool.kernel_w = pool.stride = 2;  // NeuroSim's models pool 2x2, stride 2
    pool.out = {pool.in.channels, pool.in.height / 2, pool.in.width / 2};
    if (pool.out.height < 1 || pool.out.width < 1) fail(row, 6, "pooling a " + pool.in.str() + " map");
    net.layers.push_back(pool);
  }
}

}  // namespace

Network read_neurosim_network(const std::string& path) {
  Network network;
  network.name = path.substr(path.find_last_of('/') + 1);
  network.name = network.name.substr(0, network.name.rfind('.'));
  std::vector<NeuroSimRow> rows;
  detail::check_readable_file(path);
  try {
    io::CSVReader<8, io::trim_chars<' ', '\t', '\r'>, io::no_quote_escape<','>, io::throw_on_overflow,
                  io::empty_line_comment>
        csv(path);
    csv.set_header("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
    char* f[8];
    while (csv.read_row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]))
      rows.push_back(parse_row(f, path + ":" + std::to_string(csv.get_file_line())));
  } catch (const io::error::base& error) {
    throw csv_input_error(path, error, "8 integers per line (a NeuroSim NetWork.csv)");
  }
  if (rows.empty()) throw InputError(path + ": no layer rows, expected 8 integers per line");
  network.input = {rows[0].ifm_c(), rows[0].ifm_h(), rows[0].ifm_w()};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    try {
      append_weight_layer(network, rows[i], i, i + 1 == rows.size());
    } catch (const std::overflow_error&) {
      throw InputError(rows[i].at + ": the layer is too large: its element count overflows 64 bits");
    }
  }
  detail::connect_and_check(network);
  return network;
}

}  // namespace cimsim
