/// The notes' NumPy loss functions for the line fit, in their argument order:
///
/// ```python
/// def lin(a,b,x): return a*x+b
/// def mse(y_hat, y): return ((y_hat - y) ** 2).mean()
/// def mse_loss(a, b, x, y): return mse(lin(a,b,x), y)
/// def rmse_loss(y,a,b,x): return np.sqrt(mse_loss(y,a,b,x))
/// ```
///
/// `rmse_loss` hands its arguments on in its own order, so `mse_loss` receives y as a,
/// a as b, b as x and x as y. NumPy broadcasts the arrays and scalars wherever they land,
/// so the notes' `rmse_loss(y, a_guess, b_guess, x)` returns a number without complaint:
/// √mean((y·b + a − x)²), not the √mean((a·x + b − y)²) it was meant to be.
public enum LineFitLoss {
    /// `mse_loss(a, b, x, y)`: the mean of (a·x + b − y)².
    public static func mseLoss(_ a: Double, _ b: Double, _ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { sum, point in
            let error = a * point.0 + b - point.1
            return sum + error * error
        } / Double(x.count)
    }

    /// `rmse_loss(y, a, b, x)` as the notes wrote it: `mse_loss` of the shifted arguments,
    /// `mse(lin(y, a, b), x)`, whose line is y·b + a.
    public static func notesRMSELoss(_ y: [Double], _ a: Double, _ b: Double, _ x: [Double]) -> Double {
        (zip(y, x).reduce(0) { sum, pair in
            let error = pair.0 * b + a - pair.1
            return sum + error * error
        } / Double(x.count)).squareRoot()
    }

    /// What `rmse_loss` was meant to be: √`mse_loss(a, b, x, y)`.
    public static func rmseLoss(_ a: Double, _ b: Double, _ x: [Double], _ y: [Double]) -> Double {
        mseLoss(a, b, x, y).squareRoot()
    }
}
