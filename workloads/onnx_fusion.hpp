// Private to workloads/: the subgraphs exporters write for one operator, fused back into that
// operator before import (workloads/README.md, "ONNX models").
#pragma once

#include <onnx/onnx_pb.h>

namespace cimsim::detail {

// Rewrites, in place and in graph order, every
//  - GELU in its erf form, x * (erf(x / sqrt 2) + 1) * 0.5 (Div, Erf, Add, Mul, Mul: PyTorch's
//    export of nn.GELU before opset 20), into one node "Gelu" (x -> the last Mul's output);
//  - layer normalisation over the last axis in its decomposed form (ReduceMean, Sub, Pow 2,
//    ReduceMean, Add epsilon, Sqrt, Div, and optionally Mul scale, Add bias: PyTorch's export of
//    nn.LayerNorm before opset 17) into one node "LayerNormalization" (x, scale, bias; epsilon),
//    a missing scale or bias made an initializer of ones or zeros.
// A match needs every inner tensor read by the pattern alone and every constant where the form
// has it; anything else is left as it is (and imports, or fails, node by node).
void fuse_decomposed_operators(onnx::GraphProto& graph);

}  // namespace cimsim::detail
