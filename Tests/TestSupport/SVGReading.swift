import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `parse` throws for a document without a root element.
public struct MissingRootElement: Error {}

/// Parses `svg` as XML (throws if it is not well-formed) and returns its root element.
public func parse(_ svg: String) throws -> XMLElement {
    guard let root = try XMLDocument(xmlString: svg, options: []).rootElement() else { throw MissingRootElement() }
    return root
}

/// Every element under `root` (itself included) called `name`, in document order.
public func elements(_ name: String, in root: XMLElement) -> [XMLElement] {
    (root.name == name ? [root] : []) + (root.children ?? []).compactMap { $0 as? XMLElement }.flatMap {
        elements(name, in: $0)
    }
}

/// The value of attribute `name` (looked up by hand: swift-corelibs-foundation's
/// `attribute(forName:)` returns nil for attributes it parsed).
public func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
}
