// Metrics: numbers to watch during training, computed without recording a graph.

/// The fraction of rows whose largest score is the target class (fastai's `accuracy`).
///
/// - Parameters:
///   - logits: [..., C] scores (or probabilities, or log-probabilities).
///   - targets: class indices, shaped as `logits` without its last axis.
public func accuracy(_ logits: Tensor, _ targets: IndexTensor) -> Float {
    guard logits.rank >= 1, targets.shape == Array(logits.shape.dropLast()), targets.count > 0 else {
        fatalError("accuracy: logits \(logits.shape) and targets \(targets.shape) are not [..., C] and [...]")
    }
    let predictions = logits.argmax(axis: -1)
    let correct = zip(predictions.scalars, targets.scalars).filter { $0 == $1 }.count
    return Float(correct) / Float(targets.count)
}

/// Root mean squared error, √mean((predictions − targets)²): lecture 6 reports the
/// MovieLens models' error in stars this way.
public func rmse(_ predictions: Tensor, _ targets: Tensor) -> Float {
    withoutGrad { mseLoss(predictions, targets).item() }.squareRoot()
}
