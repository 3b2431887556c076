import Testing
import TensorCUDA

/// Says where NVRTC was found, or why the compile tests are skipped.
@Test func nvrtcIsFoundOrExplained() {
    switch TestNVRTC.found {
    case .success(let nvrtc):
        print("NVRTC \(nvrtc.version) at \(nvrtc.path), builtins \(nvrtc.builtins ?? "not found")")
        #expect(nvrtc.builtins != nil, "libnvrtc-builtins should sit beside libnvrtc")
    case .failure(let error):
        print("Kernel compile tests skipped: \(error)")
        #expect(error.description.contains("NVRTC_LIBRARY"), "the error says how to point at NVRTC: \(error)")
    }
}

/// Every kernel's CUDA C compiles with NVRTC, for an older (Turing, `compute_75`) and a
/// current (Hopper, `compute_90`) architecture, on any machine with NVRTC: no GPU needed.
@Suite(.enabled(if: TestNVRTC.library != nil, "NVRTC not found (reason printed by nvrtcIsFoundOrExplained)"))
struct KernelCompilationTests {
    @Test(arguments: CUDAKernels.all, [75, 90])
    func kernelCompilesToPTX(kernel: CUDAKernel, architecture: Int) throws {
        let nvrtc = try #require(TestNVRTC.library)
        let ptx = try nvrtc.compile(CUDAKernels.prelude + "\n" + kernel.source, name: kernel.name,
                                    for: .ptx(architecture: architecture))
        let text = String(decoding: ptx, as: UTF8.self)
        #expect(text.contains(".entry \(kernel.name)("), "no entry point \(kernel.name) in the PTX")
        #expect(text.contains(".target sm_\(architecture)"))
    }

    @Test(arguments: [75, 90])
    func moduleCompilesToPTX(architecture: Int) throws {
        let nvrtc = try #require(TestNVRTC.library)
        let ptx = String(decoding: try nvrtc.compile(CUDAKernels.module, name: "lesson6.cu",
                                                     for: .ptx(architecture: architecture)), as: UTF8.self)
        for kernel in CUDAKernels.all {
            #expect(ptx.contains(".entry \(kernel.name)("), "no entry point \(kernel.name) in the module's PTX")
        }
    }

    /// A compile error comes back with NVRTC's log, which names the file and the problem.
    @Test func compileErrorCarriesTheLog() throws {
        let nvrtc = try #require(TestNVRTC.library)
        do {
            _ = try nvrtc.compile("extern \"C\" __global__ void broken() { undeclared = 1; }", name: "broken.cu",
                                  for: .ptx(architecture: 75))
            Issue.record("broken source compiled")
        } catch {
            guard case .compilation(let options, let log) = error else {
                Issue.record("expected a compilation error, got \(error)")
                return
            }
            #expect(options.contains("--gpu-architecture=compute_75"))
            #expect(log.contains("broken.cu") && log.contains("undeclared"), "log: \(log)")
        }
    }

    /// What the backend loads: machine code for the GPU's own architecture.
    @Test func moduleCompilesToCUBINForHopper() throws {
        let nvrtc = try #require(TestNVRTC.library)
        let cubin = try nvrtc.compile(CUDAKernels.module, name: "lesson6.cu", for: .cubin(architecture: 90))
        #expect(cubin.starts(with: [0x7F, 0x45, 0x4C, 0x46]), "a CUBIN is an ELF file")
    }
}
