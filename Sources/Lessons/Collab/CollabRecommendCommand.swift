import Toolkit

/// `lesson6 collab-recommend`: the items a trained model would recommend to one user,
/// those they have not rated, highest predicted rating first.
///
///     lesson6 collab --save dotbias.safetensors
///     lesson6 collab-recommend --load dotbias.safetensors --user 15 --top 10
///
/// It reads the same ratings the model was trained on (the options of `lesson6 collab`
/// choose them), for the ids and for what the user has already rated.
public enum CollabRecommendCommand: Command {
    public static let name = "collab-recommend"
    public static let summary = "the items a trained model would recommend to a user, with predicted ratings"

    public static func run(_ arguments: inout Arguments) throws {
        let options = try CollabOptions(&arguments)
        let user: String = try arguments.option("user", default: "15",
                                                help: "the user id, as the ratings file spells it")
        let analysis = try CollabAnalysisOptions(&arguments)
        try arguments.finish()
        let (learn, titles) = try analysis.learner(options)
        let list = try learn.recommendations(forUser: user, top: analysis.top,
                                             minimumRatings: analysis.minimumRatings, title: titles)
        print("\nuser \(user): the \(list.count) highest predicted ratings among the items they have not rated "
              + "(rated \(analysis.minimumRatings)+ times)")
        for item in list { print(String(format: "  %5.2f  ", item.score) + "\(item.title) [\(item.id)]") }
    }
}
