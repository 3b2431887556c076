import TestSupport
import Testing
@testable import Toolkit

@Test func categoriesAreNumberedInOrderOfFirstAppearance() throws {
    let column = [31, 1029, 31, 7, 1029, 2]
    let map = CategoryMap(column)
    #expect(map.categories == [31, 1029, 7, 2])
    #expect(map.count == 4)
    #expect(try map.encode(column) == [0, 1, 0, 2, 1, 3])
    #expect(map[2] == 7)
    #expect(map.index(of: 1029) == 1)
    #expect(map.index(of: 5) == nil)
    #expect(CategoryMap([String]()).count == 0)
}

@Test func unknownCategoryIsAnError() {
    let map = CategoryMap(["a", "b"])
    #expect(throws: CategoryMap<String>.UnknownCategory(value: "z", position: 2, count: 2)) {
        try map.encode(["b", "a", "z"])
    }
    #expect(CategoryMap<String>.UnknownCategory(value: "z", position: 2, count: 2).description
        == "value 'z' at position 2 is not among the 2 categories the map was built from "
        + "(build the map on the whole data set, before splitting)")
}

@Test(.enabled(if: sharedMovieLens != nil, "MovieLens not found (LESSON6_DATA, ./data or ../shared/data)"))
func movieLensUsersAndMovies() throws {
    let data = try #require(sharedMovieLens)
    let ratings = try CSVTable(contentsOfFile: data.path(of: .movieLensRatings))
    let userIds = try ratings.column("userId", as: Int.self), movieIds = try ratings.column("movieId", as: Int.self)
    let users = CategoryMap(userIds), movies = CategoryMap(movieIds)
    let indices = try users.encode(userIds)
    #expect(indices.count == ratings.rowCount)
    #expect(zip(indices, userIds).allSatisfy { users[$0] == $1 })
    if let edition = MovieLensEdition(ratings: ratings.rowCount) {
        #expect((users.count, movies.count) == (edition.counts.users, edition.counts.movies))
        if edition == .october2016 {  // the edition the lecture used
            #expect(Array(movies.categories.prefix(3)) == [31, 1029, 1061])
        }
    } else {
        Issue.record("unknown MovieLens latest-small edition with \(ratings.rowCount) ratings")
    }
    #expect(users[0] == 1)
}
