import Tensor

extension CUDABackend {
    public func unary(_ op: UnaryOp, _ x: Storage, _ layout: Layout) -> Storage {
        let (code, p0, p1): (UnaryCode, Float, Float) = switch op {
        case .affine(let scale, let shift): (.affine, scale, shift)
        case .exp: (.exp, 0, 0)
        case .log: (.log, 0, 0)
        case .tanh: (.tanh, 0, 0)
        case .sigmoid: (.sigmoid, 0, 0)
        case .relu: (.relu, 0, 0)
        case .sqrt: (.sqrt, 0, 0)
        case .pow(2): (.square, 0, 0)
        case .pow(let exponent): (.pow, exponent, 0)
        case .clamp(let low, let high): (.clamp, low, high)
        }
        let result = allocate(layout.count)
        device.launch(CUDAKernels.unary, elements: layout.count,
                      [.int(code.rawValue), .float(p0), .float(p1), .pointer(storage(x).pointer),
                       .view(DeviceView.merged([layout])[0]), .pointer(storage(result).pointer), .count(layout.count)])
        return result
    }

    public func binary(_ op: BinaryOp, _ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage {
        let code: BinaryCode = switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .equal: .equal
        case .less: .less
        }
        let result = allocate(aLayout.count)
        let views = DeviceView.merged([aLayout, bLayout])
        device.launch(CUDAKernels.binary, elements: aLayout.count,
                      [.int(code.rawValue), .pointer(storage(a).pointer), .view(views[0]), .pointer(storage(b).pointer),
                       .view(views[1]), .pointer(storage(result).pointer), .count(aLayout.count)])
        return result
    }

    public func activationBackward(_ activation: ActivationOp, gradient: Storage, _ gradientLayout: Layout,
                                   saved: Storage, _ savedLayout: Layout) -> Storage {
        let (code, p0, p1): (ActivationCode, Float, Float) = switch activation {
        case .tanh: (.tanh, 0, 0)
        case .sigmoid: (.sigmoid, 0, 0)
        case .relu: (.relu, 0, 0)
        case .clamp(let low, let high): (.clamp, low, high)
        case .square: (.square, 0, 0)
        }
        let result = allocate(gradientLayout.count)
        let views = DeviceView.merged([gradientLayout, savedLayout])
        device.launch(CUDAKernels.activationBackward, elements: gradientLayout.count,
                      [.int(code.rawValue), .float(p0), .float(p1), .pointer(storage(gradient).pointer),
                       .view(views[0]), .pointer(storage(saved).pointer), .view(views[1]),
                       .pointer(storage(result).pointer), .count(gradientLayout.count)])
        return result
    }

    public func axpy(_ alpha: Float, _ x: Storage, _ xLayout: Layout, _ y: Storage, _ yLayout: Layout) {
        device.launch(CUDAKernels.axpy, elements: xLayout.count,
                      [.float(alpha), .pointer(storage(x).pointer), .view(DeviceView.merged([xLayout])[0]),
                       .pointer(storage(y).address(yLayout.offset)), .count(xLayout.count)])
    }
}
