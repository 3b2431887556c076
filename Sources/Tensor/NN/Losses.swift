// Loss functions (`torch.nn.functional`): each compares a batch of predictions with
// the targets and returns the mean over the batch as a shape-[] tensor to call
// `backward()` on.

/// Mean squared error, mean((input − target)²) (`F.mse_loss`): the loss of lecture 6's
/// rating prediction.
public func mseLoss(_ input: Tensor, _ target: Tensor) -> Tensor {
    guard input.shape == target.shape else {
        fatalError("mseLoss: input \(input.shape) and target \(target.shape) differ")
    }
    return (input - target).pow(2).mean()
}

/// Negative log-likelihood, −mean(logProbabilities[i, targets[i]]) (`F.nll_loss`).
///
/// - Parameters:
///   - logProbabilities: [N, C], the output of `logSoftmax`.
///   - targets: [N] class indices in 0..<C.
///
/// Picking each row's target entry is `gathered(columns:)`, an embedding lookup in the
/// [N·C, 1] table of all entries, so backward scatters −1/N into exactly those entries.
public func nllLoss(_ logProbabilities: Tensor, _ targets: IndexTensor) -> Tensor {
    guard logProbabilities.rank == 2, targets.shape == [logProbabilities.shape[0]] else {
        fatalError("nllLoss: log-probabilities \(logProbabilities.shape) and targets \(targets.shape) "
                   + "are not [N, C] and [N]")
    }
    let classes = logProbabilities.shape[1]
    if let row = targets.scalars.firstIndex(where: { !(0..<classes).contains(Int($0)) }) {
        fatalError("nllLoss: target \(targets.scalars[row]) at row \(row) is not a class of 0..<\(classes)")
    }
    return -logProbabilities.gathered(columns: targets).mean()
}

/// Cross-entropy of raw scores, `nllLoss(logits.logSoftmax(axis: 1), targets)`
/// (`F.cross_entropy`): the char-RNN's loss over the next character.
///
/// - Parameters:
///   - logits: [N, C], unnormalised scores.
///   - targets: [N] class indices in 0..<C.
public func crossEntropy(_ logits: Tensor, _ targets: IndexTensor) -> Tensor {
    guard logits.rank == 2 else { fatalError("crossEntropy: logits \(logits.shape) are not [N, C]") }
    return nllLoss(logits.logSoftmax(axis: 1), targets)
}

/// Binary cross-entropy of raw scores x against targets y in [0, 1]
/// (`F.binary_cross_entropy_with_logits`): mean(−y·log σ(x) − (1 − y)·log(1 − σ(x))).
///
/// Computed as PyTorch computes it, in the form that never overflows:
/// m − x·y + log(e⁻ᵐ + eˣ⁻ᵐ) with m = max(x, 0), where both exponents are ≤ 0. The
/// gradient is σ(x) − y per element.
public func binaryCrossEntropyWithLogits(_ logits: Tensor, _ targets: Tensor) -> Tensor {
    guard logits.shape == targets.shape else {
        fatalError("binaryCrossEntropyWithLogits: logits \(logits.shape) and targets \(targets.shape) differ")
    }
    let m = logits.relu()
    return (m - logits * targets + ((-m).exp() + (logits - m).exp()).log()).mean()
}
