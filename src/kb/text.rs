//! Compiled rich text. `build.rs` packs each audience text into one string (a line per
//! block, control characters around inline markup) because arrays of enums with string
//! pointers were twice the size in the wasm. These types decode it lazily and with no
//! allocation per inline; nothing else in the crate sees the encoding.

/// Start of a citation: reference positions (in the reference library) separated by `,`.
pub const CITE: char = '\u{2}';
/// End of any inline marker.
pub const END: char = '\u{3}';
/// Start of a topic link: `topic|text`.
pub const LINK: char = '\u{4}';
/// Start of a glossary term: `term_id|text`.
pub const TERM: char = '\u{5}';
/// Start of a dose placeholder: a drug id.
pub const DOSE: char = '\u{6}';
/// Start of bold text.
pub const STRONG: char = '\u{7}';
/// First character of a line: the block kind.
pub const PARA: char = 'p';
pub const HEADING: char = 'h';
pub const ITEM: char = 'l';
/// A table's header row, then its body rows; cells are split by `CELL`.
pub const TABLE_HEAD: char = 'T';
pub const TABLE_ROW: char = 't';
pub const CELL: char = '\u{1}';

/// One audience's text. A caregiver text that repeats the patient text has the patient text
/// as its first part, shared rather than copied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Text {
    pub parts: [&'static str; 2],
}

impl Text {
    pub const fn new(first: &'static str, second: &'static str) -> Self {
        Text {
            parts: [first, second],
        }
    }

    pub fn blocks(self) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        for part in self.parts {
            let mut in_list = false;
            for line in part.split('\n').filter(|l| !l.is_empty()) {
                let mut chars = line.chars();
                let kind = chars.next();
                let body = chars.as_str();
                match kind {
                    Some(HEADING) => {
                        blocks.push(Block::Heading(body));
                        in_list = false;
                    }
                    Some(TABLE_HEAD) => {
                        let cells: Vec<Inlines> = body.split(CELL).map(Inlines).collect();
                        blocks.push(Block::Table {
                            columns: cells.len(),
                            cells,
                        });
                        in_list = false;
                    }
                    Some(TABLE_ROW) => {
                        if let Some(Block::Table { columns, cells }) = blocks.last_mut() {
                            // A short row is padded so every row has the header's columns.
                            let row: Vec<Inlines> = body.split(CELL).map(Inlines).collect();
                            let n = *columns;
                            cells.extend(
                                row.into_iter()
                                    .chain(std::iter::repeat(Inlines("")))
                                    .take(n),
                            );
                        }
                    }
                    Some(ITEM) => {
                        match (in_list, blocks.last_mut()) {
                            (true, Some(Block::List(items))) => items.push(Inlines(body)),
                            _ => blocks.push(Block::List(vec![Inlines(body)])),
                        }
                        in_list = true;
                    }
                    _ => {
                        blocks.push(Block::Para(Inlines(body)));
                        in_list = false;
                    }
                }
            }
        }
        blocks
    }

    pub fn is_empty(self) -> bool {
        self.parts.iter().all(|p| p.is_empty())
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Block {
    Heading(&'static str),
    Para(Inlines),
    List(Vec<Inlines>),
    /// Cells row by row (`columns` per row); the first row is the header.
    Table {
        columns: usize,
        cells: Vec<Inlines>,
    },
}

impl Block {
    /// The inline runs of this block (one for a paragraph, one per list item).
    pub fn runs(&self) -> &[Inlines] {
        match self {
            Block::Heading(_) => &[],
            Block::Para(i) => std::slice::from_ref(i),
            Block::List(items) | Block::Table { cells: items, .. } => items,
        }
    }
}

/// Encoded inline content of a paragraph or list item.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Inlines(pub &'static str);

impl Inlines {
    pub fn iter(self) -> InlineIter {
        InlineIter { rest: self.0 }
    }
}

/// References of one citation, stored as positions in the reference library.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CiteKeys(pub &'static str);

impl CiteKeys {
    /// Reference keys, skipping any position that does not exist.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        let refs = super::kb().references;
        self.0
            .split(',')
            .filter_map(move |n| n.parse::<usize>().ok())
            .filter_map(move |i| refs.get(i))
            .map(|r| r.key)
    }
}

/// A run of text inside a paragraph or list item.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Inline {
    Text(&'static str),
    Strong(&'static str),
    /// Reference keys supporting the preceding statement.
    Cite(CiteKeys),
    TopicLink {
        topic: &'static str,
        text: &'static str,
    },
    /// A glossary term marked in lay text; `term` is the glossary id.
    Term {
        term: &'static str,
        text: &'static str,
    },
    /// The dose text of a drug from the drug table.
    Dose(&'static str),
}

pub struct InlineIter {
    rest: &'static str,
}

impl Iterator for InlineIter {
    type Item = Inline;

    fn next(&mut self) -> Option<Inline> {
        let rest = self.rest;
        let first = rest.chars().next()?;
        let is_marker = |c: char| matches!(c, CITE | LINK | TERM | DOSE | STRONG);
        if !is_marker(first) {
            let end = rest.find(is_marker).unwrap_or(rest.len());
            self.rest = &rest[end..];
            return Some(Inline::Text(&rest[..end]));
        }
        let body_start = first.len_utf8();
        let end = rest.find(END).unwrap_or(rest.len());
        let body = &rest[body_start..end.max(body_start)];
        self.rest = rest.get(end + END.len_utf8()..).unwrap_or("");
        let (a, b) = body.split_once('|').unwrap_or((body, ""));
        Some(match first {
            CITE => Inline::Cite(CiteKeys(body)),
            LINK => Inline::TopicLink { topic: a, text: b },
            TERM => Inline::Term { term: a, text: b },
            DOSE => Inline::Dose(body),
            _ => Inline::Strong(body),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_blocks_and_inlines() {
        let text = Text::new(
            "hTitle\npHello \u{7}bold\u{3} world\u{2}0,1\u{3}.\nlone\nltwo \u{4}prrt|PRRT\u{3}\npend \u{6}lanreotide\u{3}",
            "pextra \u{5}ki67|Ki-67\u{3}",
        );
        let blocks = text.blocks();
        assert_eq!(blocks.len(), 5);
        assert_eq!(blocks[0], Block::Heading("Title"));
        let para: Vec<Inline> = blocks[1].runs()[0].iter().collect();
        assert_eq!(
            para,
            vec![
                Inline::Text("Hello "),
                Inline::Strong("bold"),
                Inline::Text(" world"),
                Inline::Cite(CiteKeys("0,1")),
                Inline::Text("."),
            ]
        );
        let refs = crate::kb::kb().references;
        assert_eq!(
            CiteKeys("1,0,x,99999").iter().collect::<Vec<_>>(),
            vec![refs[1].key, refs[0].key]
        );
        assert_eq!(blocks[2].runs().len(), 2);
        assert_eq!(
            blocks[2].runs()[1].iter().nth(1),
            Some(Inline::TopicLink {
                topic: "prrt",
                text: "PRRT"
            })
        );
        assert_eq!(
            blocks[3].runs()[0].iter().nth(1),
            Some(Inline::Dose("lanreotide"))
        );
        assert_eq!(
            blocks[4].runs()[0].iter().nth(1),
            Some(Inline::Term {
                term: "ki67",
                text: "Ki-67"
            })
        );
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for s in [
            "é",
            "p\u{2}",
            "p\u{4}x",
            "p\u{3}\u{3}",
            "l",
            "h",
            "p\u{5}a|",
            "pé\u{7}ü",
        ] {
            let blocks = Text::new(s, "").blocks();
            for b in &blocks {
                for r in b.runs() {
                    let _ = r.iter().count();
                }
            }
        }
    }
}
