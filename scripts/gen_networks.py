#!/usr/bin/env python3
"""Writes the shipped networks in workloads/networks/ (cimsim CSV format) from their published
architectures. Run from the repository root: python3 scripts/gen_networks.py

Sources: AlexNet's convolutions (Krizhevsky et al., NIPS 2012, two groups on conv2/4/5); LeNet-5 (LeCun et al., Proc. IEEE 1998, C3 fully connected as in common practice);
VGG-8 as in DNN+NeuroSim V1.4's NetWork_VGG8.csv; ResNet-18/50 (He et al., CVPR 2016, torchvision
layout: stride on the 3x3 conv of a bottleneck); MobileNetV2 (Sandler et al., CVPR 2018, width 1.0,
torchvision layout); BERT-base (Devlin et al., 2019) one encoder layer; GPT-2 small (Radford et al.,
2019) one decoder block, with c_attn's 768x2304 projection written as its three 768x768 parts.
Batch norm is folded into the convolutions at inference and biases are not crossbar weights.
"""
import os

HEADER = "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"


class Net:
    def __init__(self, c, h, w):
        self.rows, self.shape, self.last = [], (c, h, w), "input"

    def add(self, name, kind, out_c="", k="", stride="", pad="", groups="", inputs="", shape=None, out=None):
        c, h, w = shape or self.shape
        self.rows.append(f"{name},{kind},{inputs},{c},{h},{w},{out_c},{k},{k},{stride},{pad},,{groups}")
        self.last = name
        self.shape = out if out else (c, h, w)
        return name

    def conv(self, name, out_c, k, stride=1, pad=0, groups=1, inputs="", shape=None):
        c, h, w = shape or self.shape
        oh, ow = (h + 2 * pad - k) // stride + 1, (w + 2 * pad - k) // stride + 1
        return self.add(name, "conv2d", out_c, k, stride, pad, groups if groups > 1 else "", inputs, shape,
                        (out_c, oh, ow))

    def pool(self, name, kind, k, stride, pad=0):
        c, h, w = self.shape
        return self.add(name, kind, "", k, stride, pad if pad else "", out=(c, (h + 2 * pad - k) // stride + 1,
                                                                           (w + 2 * pad - k) // stride + 1))

    def act(self, name, kind="relu", inputs="", shape=None):
        return self.add(name, kind, inputs=inputs, shape=shape)

    def linear(self, name, out_c, inputs="", shape=None):
        c, h, w = shape or self.shape
        return self.add(name, "linear", out_c, inputs=inputs, shape=shape, out=(out_c, h, w))

    def flatten(self, name):
        c, h, w = self.shape
        return self.add(name, "flatten", out=(c * h * w, 1, 1))

    def write(self, path, comment):
        with open(path, "w") as f:
            f.write("".join(f"# {line}\n" for line in comment.strip().splitlines()))
            f.write(HEADER + "\n" + "\n".join(self.rows) + "\n")


def mlp_digits():
    n = Net(64, 1, 1)
    n.linear("fc1", 128); n.act("relu1"); n.linear("fc2", 10)
    return n


def lenet5():
    n = Net(1, 32, 32)
    n.conv("c1", 6, 5); n.act("relu1", "tanh"); n.pool("s2", "avgpool", 2, 2)
    n.conv("c3", 16, 5); n.act("relu3", "tanh"); n.pool("s4", "avgpool", 2, 2)
    n.conv("c5", 120, 5); n.act("relu5", "tanh"); n.flatten("flatten")
    n.linear("f6", 84); n.act("relu6", "tanh"); n.linear("output", 10)
    return n


def vgg8():
    n = Net(3, 32, 32)
    for i, (c, pool) in enumerate([(128, 0), (128, 1), (256, 0), (256, 1), (512, 0), (512, 1)], 1):
        n.conv(f"conv{i}", c, 3, 1, 1); n.act(f"relu{i}")
        if pool:
            n.pool(f"pool{i}", "maxpool", 2, 2)
    n.flatten("flatten"); n.linear("fc7", 1024); n.act("relu7"); n.linear("fc8", 10)
    return n


def alexnet_conv():
    n = Net(3, 227, 227)
    n.conv("conv1", 96, 11, 4); n.act("relu1"); n.pool("pool1", "maxpool", 3, 2)
    n.conv("conv2", 256, 5, 1, 2, 2); n.act("relu2"); n.pool("pool2", "maxpool", 3, 2)
    n.conv("conv3", 384, 3, 1, 1); n.act("relu3")
    n.conv("conv4", 384, 3, 1, 1, 2); n.act("relu4")
    n.conv("conv5", 256, 3, 1, 1, 2); n.act("relu5")
    return n


def resnet(blocks, bottleneck):
    n = Net(3, 224, 224)
    n.conv("conv1", 64, 7, 2, 3); n.act("relu1"); n.pool("maxpool", "maxpool", 3, 2, 1)
    in_c = 64
    for stage, (width, count) in enumerate(zip([64, 128, 256, 512], blocks), 1):
        for b in range(count):
            stride = 2 if stage > 1 and b == 0 else 1
            p, identity, in_shape = f"layer{stage}.{b}", n.last, n.shape
            out_c = width * 4 if bottleneck else width
            if bottleneck:
                n.conv(f"{p}.conv1", width, 1); n.act(f"{p}.relu1")
                n.conv(f"{p}.conv2", width, 3, stride, 1); n.act(f"{p}.relu2")
                n.conv(f"{p}.conv3", out_c, 1)
            else:
                n.conv(f"{p}.conv1", width, 3, stride, 1); n.act(f"{p}.relu1")
                n.conv(f"{p}.conv2", width, 3, 1, 1)
            main, main_shape = n.last, n.shape
            if stride != 1 or in_c != out_c:
                identity = n.conv(f"{p}.downsample", out_c, 1, stride, inputs=identity, shape=in_shape)
            n.add(f"{p}.add", "add", inputs=f"{main};{identity}", shape=main_shape)
            n.act(f"{p}.relu")
            in_c = out_c
    c, h, w = n.shape
    n.pool("avgpool", "avgpool", h, 1); n.flatten("flatten"); n.linear("fc", 1000)
    return n


def mobilenet_v2():
    n = Net(3, 224, 224)
    n.conv("features.0", 32, 3, 2, 1); n.act("features.0.relu6", "relu6")
    in_c, index = 32, 1
    for t, c, reps, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                          (6, 160, 3, 2), (6, 320, 1, 1)]:
        for r in range(reps):
            stride, p, block_in = (s if r == 0 else 1), f"features.{index}", n.last
            hidden = in_c * t
            if t != 1:
                n.conv(f"{p}.expand", hidden, 1); n.act(f"{p}.expand_relu6", "relu6")
            n.conv(f"{p}.depthwise", hidden, 3, stride, 1, groups=hidden); n.act(f"{p}.dw_relu6", "relu6")
            n.conv(f"{p}.project", c, 1)
            if stride == 1 and in_c == c:
                n.add(f"{p}.add", "add", inputs=f"{n.last};{block_in}")
            in_c, index = c, index + 1
    n.conv(f"features.{index}", 1280, 1); n.act(f"features.{index}.relu6", "relu6")
    c, h, w = n.shape
    n.pool("avgpool", "avgpool", h, 1); n.flatten("flatten"); n.linear("classifier", 1000)
    return n


def transformer_block(tokens, hidden, heads, ffn, act, pre_norm):
    n = Net(hidden, tokens, 1)
    x = "input"
    if pre_norm:
        x = n.add("ln_1", "layernorm")
    q = n.linear("q_proj", hidden, inputs=x, shape=(hidden, tokens, 1))
    k = n.linear("k_proj", hidden, inputs=x, shape=(hidden, tokens, 1))
    v = n.linear("v_proj", hidden, inputs=x, shape=(hidden, tokens, 1))
    n.add("attn_scores", "matmul", heads * tokens, groups=heads, inputs=f"{q};{k}", shape=(hidden, tokens, 1),
          out=(heads * tokens, tokens, 1))
    n.add("attn_softmax", "softmax", groups=heads)  # each head's scores normalised apart
    n.add("attn_context", "matmul", hidden, groups=heads, inputs=f"attn_softmax;{v}", out=(hidden, tokens, 1))
    n.linear("out_proj", hidden)
    n.add("attn_residual", "add", inputs=f"out_proj;input")
    y = n.add("ln_attn" if not pre_norm else "ln_2", "layernorm")
    n.linear("ffn_up", ffn); n.act("ffn_act", act); n.linear("ffn_down", hidden)
    n.add("ffn_residual", "add", inputs=f"ffn_down;{y if not pre_norm else 'attn_residual'}")
    if not pre_norm:
        n.add("ln_ffn", "layernorm")
    return n


NETWORKS = {
    "mlp_digits": (mlp_digits, "64-128-10 MLP for the 8x8 UCI digits (workloads/data)."),
    "lenet5": (lenet5, "LeNet-5, LeCun et al., Proc. IEEE 86(11), 1998; 32x32 input, C3 fully connected."),
    "vgg8_cifar10": (vgg8, "VGG-8 for CIFAR-10 as in DNN+NeuroSim V1.4 (NetWork_VGG8.csv)."),
    "alexnet_conv": (alexnet_conv, "AlexNet's five convolutions, Krizhevsky et al., NIPS 2012, 227x227 input, conv2/4/5 in two\n"
                     "groups: 666M MACs, the workload of Eyeriss's measurements (Chen et al., JSSC 52(1), 2017)."),
    "resnet18": (lambda: resnet([2, 2, 2, 2], False), "ResNet-18, He et al., CVPR 2016; ImageNet 224x224."),
    "resnet50": (lambda: resnet([3, 4, 6, 3], True),
                 "ResNet-50, He et al., CVPR 2016; ImageNet 224x224, torchvision (v1.5) stride placement."),
    "mobilenet_v2": (mobilenet_v2, "MobileNetV2, Sandler et al., CVPR 2018; width 1.0, 224x224."),
    "bert_base_layer": (lambda: transformer_block(128, 768, 12, 3072, "gelu", False),
                        "One BERT-base encoder layer, Devlin et al., NAACL 2019; sequence 128, hidden 768,\n"
                        "12 heads, FFN 3072, post-norm."),
    "gpt2_small_block": (lambda: transformer_block(1024, 768, 12, 3072, "gelu", True),
                         "One GPT-2 small decoder block, Radford et al., 2019; context 1024, hidden 768, 12 heads,\n"
                         "FFN 3072, pre-norm; c_attn (768x2304) as q/k/v_proj. The causal mask does not\n"
                         "shrink the attention matmuls: hardware computes the full score matrix."),
}

if __name__ == "__main__":
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workloads", "networks")
    os.makedirs(out_dir, exist_ok=True)
    for name, (build, comment) in NETWORKS.items():
        build().write(os.path.join(out_dir, name + ".csv"),
                      comment + "\nGenerated by scripts/gen_networks.py; columns in workloads/README.md.")
