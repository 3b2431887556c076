import Tensor
import Testing
@testable import TensorCUDA

/// The host side of launches, checked without a GPU: how layouts become kernel views,
/// how arguments are laid out, and the operation codes shared with the C source.
struct KernelPlumbingTests {
    @Test func contiguousViewMergesToOneAxis() {
        let view = DeviceView.merged([Layout(contiguous: [4, 5, 6], offset: 3)])[0]
        #expect(view.shape == [120])
        #expect(view.strides == [1])
        #expect(view.offset == 3)
    }

    @Test func broadcastBiasKeepsTwoAxes() {
        let views = DeviceView.merged([Layout(contiguous: [64, 50]), Layout(contiguous: [50]).broadcast(to: [64, 50])!])
        #expect(views[0].shape == [64, 50])
        #expect(views[0].strides == [50, 1])
        #expect(views[1].strides == [0, 1])
    }

    @Test func sizeOneAxesDropAndScalarsGetOneAxis() {
        let view = DeviceView.merged([Layout(shape: [3, 1, 4], strides: [1, 99, 3], offset: 0)])[0]
        #expect(view.shape == [3, 4])
        #expect(view.strides == [1, 3])
        #expect(DeviceView.merged([Layout(contiguous: [])])[0].shape == [1])
    }

    /// The bytes of the C `struct View`: offset, 8 strides, 8 extents, rank.
    @Test func viewArgumentBytes() {
        let bytes = KernelArguments.Value.view(DeviceView(offset: 7, strides: [50, 1], shape: [64, 50])).bytes
        #expect(bytes.count == 112)
        func load<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T {
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        }
        #expect(load(0, Int64.self) == 7)
        #expect(load(8, Int64.self) == 50)
        #expect(load(16, Int64.self) == 1)
        #expect(load(72, UInt32.self) == 64)
        #expect(load(76, UInt32.self) == 50)
        #expect(load(104, Int32.self) == 2)
    }

    @Test func parametersPointAtTheirValues() {
        let arguments: KernelArguments = [.int(-3), .float(2.5), .longLong(1 << 40)]
        arguments.withParameters { parameters in
            #expect(parameters[0]!.load(as: Int32.self) == -3)
            #expect(parameters[1]!.load(as: Float.self) == 2.5)
            #expect(parameters[2]!.load(as: Int64.self) == 1 << 40)
        }
    }

    @Test func operationCodesReachTheSource() {
        #expect(CUDAKernels.prelude.contains("UNARY_AFFINE = 0"))
        #expect(CUDAKernels.prelude.contains("BINARY_LESS = 5"))
        #expect(CUDAKernels.prelude.contains("ACTIVATION_CLAMP = 3"))
        #expect(CUDAKernels.prelude.contains("REDUCE_MAX = 1"))
        expectCases(UnaryCode.self, prefix: "UNARY", in: CUDAKernels.unary, but: .clamp)
        expectCases(BinaryCode.self, prefix: "BINARY", in: CUDAKernels.binary, but: .less)
        expectCases(ActivationCode.self, prefix: "ACTIVATION", in: CUDAKernels.activationBackward, but: .clamp)
    }

    /// Each code of `type` has its `case` in `kernel`, but the one its `default:` handles.
    func expectCases<Code: CaseIterable & RawRepresentable & Equatable>(
        _ type: Code.Type, prefix: String, in kernel: CUDAKernel, but last: Code
    ) where Code.RawValue == Int32 {
        for code in Code.allCases where code != last {
            let constant = CUDAKernels.cEnum(Code.self, prefix: prefix).split(separator: ",")[Int(code.rawValue)]
            let name = constant.split(separator: "=")[0].trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "enum { ", with: "")
            #expect(kernel.source.contains("case \(name):"), "the \(kernel.name) kernel handles \(name)")
        }
    }

    @Test func everyKernelHasItsEntryPointAndAComment() {
        #expect(Set(CUDAKernels.all.map(\.name)).count == CUDAKernels.all.count)
        for kernel in CUDAKernels.all {
            #expect(kernel.source.contains("extern \"C\" __global__ void") && kernel.source.contains("\(kernel.name)("))
            #expect(kernel.source.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("//")
                        || kernel.source.contains("#define"), "\(kernel.name) starts with what it computes")
        }
    }
}
