import Toolkit

/// `lesson6 collab-similar`: the items whose learned factors lie nearest one item's.
///
///     lesson6 collab-similar --load dotbias.safetensors --item 1 --top 10
public enum CollabSimilarCommand: Command {
    public static let name = "collab-similar"
    public static let summary = "the items nearest one item by the cosine of their learned factors"

    public static func run(_ arguments: inout Arguments) throws {
        let options = try CollabOptions(&arguments)
        let item: String = try arguments.option("item", default: "1",
                                                help: "the item id, as the ratings file spells it")
        let analysis = try CollabAnalysisOptions(&arguments)
        try arguments.finish()
        let (learn, titles) = try analysis.learner(options)
        let list = try learn.similarItems(to: item, top: analysis.top, minimumRatings: analysis.minimumRatings,
                                          title: titles)
        print("\nnearest \(titles(item)) [\(item)] by the cosine of their factors "
              + "(items rated \(analysis.minimumRatings)+ times)")
        for neighbour in list {
            print(String(format: "  %6.3f  ", neighbour.score) + "\(neighbour.title) [\(neighbour.id)]")
        }
    }
}
