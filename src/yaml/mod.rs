//! YAML read into a tree whose every node knows where it is written.
//!
//! The front matter of entries, `amicus.yaml` and the translation files are
//! read through here, so that every message can point at the key or value
//! it is about. The events
//! of `saphyr-parser` (a YAML 1.2 parser that marks each event with its
//! place) are built into [`Node`]s in one pass; plain scalars are resolved
//! as amicus has always read them (`true`, `12`, `1.5`, `~` are not text;
//! `2019-07-08`, `007` and `ICC-01/04` are).
//!
//! It owns the limits against hostile input that the parser has not:
//! control characters, nesting deeper than [`MAX_DEPTH`](build::MAX_DEPTH), aliases that
//! would expand the document many times over, and keys written twice. It
//! knows nothing of entries or the site: what a field means is its
//! callers'.

mod build;
mod node;
mod read;
mod scalar;
mod tabs;
mod write;

pub(crate) use node::{Node, Number, Place, Value, YamlError};
pub(crate) use read::parse;
pub(crate) use write::scalar;

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        parse(&format!("x: {text}\n"))
            .unwrap()
            .unwrap()
            .get("x")
            .unwrap()
            .value
            .clone()
    }

    fn error(text: &str) -> YamlError {
        parse(text).unwrap_err()
    }

    #[test]
    fn plain_scalars_are_read_as_amicus_always_read_them() {
        assert_eq!(value("true"), Value::Bool(true));
        assert_eq!(value("FALSE"), Value::Bool(false));
        assert_eq!(value("yes"), Value::String("yes".into()));
        assert_eq!(value("~"), Value::Null);
        assert_eq!(value(""), Value::Null);
        assert_eq!(value("2020"), Value::Number(Number::PosInt(2020)));
        assert_eq!(value("-3"), Value::Number(Number::NegInt(-3)));
        assert_eq!(value("0x1f"), Value::Number(Number::PosInt(31)));
        assert_eq!(value("2019-07-08"), Value::String("2019-07-08".into()));
        assert_eq!(value("007"), Value::String("007".into()));
        assert_eq!(value("ICC-01/04-01/06"), Value::String("ICC-01/04-01/06".into()));
        assert_eq!(value("'2020'"), Value::String("2020".into()));
        assert_eq!(value("!!str 12"), Value::String("12".into()));
        assert_eq!(value("inf"), Value::String("inf".into()));
        for (written, shown) in [
            ("1.50", "1.5"),
            ("1e3", "1000.0"),
            ("1e20", "1e20"),
            (".inf", ".inf"),
            ("-.inf", "-.inf"),
        ] {
            match value(written) {
                Value::Number(n) => assert_eq!(n.to_string(), shown, "{written}"),
                other => panic!("{written}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_node_is_placed_where_it_is_written() {
        let text = "# a comment: ML\ntitle: \"ML v. X\"\ncountries: [ML,\n  XX]\nsummary: |\n  ML\n";
        let root = parse(text).unwrap().unwrap();
        let (key, title) = root.entry("title").unwrap();
        assert_eq!(
            key.place,
            Place {
                line: 2,
                column: 1,
                len: 5
            }
        );
        assert_eq!(
            title.place,
            Place {
                line: 2,
                column: 9,
                len: 7
            }
        );
        let Value::Sequence(items) = &root.get("countries").unwrap().value else {
            panic!()
        };
        assert_eq!(
            items[0].place,
            Place {
                line: 3,
                column: 13,
                len: 2
            }
        );
        assert_eq!(
            items[1].place,
            Place {
                line: 4,
                column: 3,
                len: 2
            }
        );
        // Escaped: the whole of what is written.
        let root = parse("url: \"\\x41 b\"\n").unwrap().unwrap();
        assert_eq!(
            root.get("url").unwrap().place,
            Place {
                line: 1,
                column: 6,
                len: 8
            }
        );
    }

    #[test]
    fn a_key_written_twice_is_an_error_at_both_places() {
        let text = "title: A\nstatus: x\nrelations:\n  status: [a]\nstatus: y\n";
        match error(text) {
            YamlError::DuplicateKey { key, first, again } => {
                assert_eq!(key, "status");
                assert_eq!((first.line, first.column), (2, 1));
                assert_eq!((again.line, again.column), (5, 1));
            }
            other => panic!("{other:?}"),
        }
        // In a flow mapping, and among many keys (found through the index).
        assert!(matches!(error("a: {b: 1, b: 2}\n"), YamlError::DuplicateKey { .. }));
        // Keys that are lists, wherever they are written.
        assert!(matches!(
            error("? [a, b]\n: 1\n? [a, b]\n: 2\n"),
            YamlError::DuplicateKey { .. }
        ));
        let many: String = (0..100).map(|i| format!("k{i}: 1\n")).collect();
        match error(&format!("{many}k7: 2\n")) {
            YamlError::DuplicateKey { first, again, .. } => assert_eq!((first.line, again.line), (8, 101)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_mapping_of_many_keys_is_read_in_linear_time_whatever_its_keys() {
        for key in ["k{i}", "[{i}]", "{a: {i}}"] {
            let text: String = (0..200_000)
                .map(|i| format!("? {}\n: 1\n", key.replace("{i}", &i.to_string())))
                .collect();
            // Quadratic time would take hours: the bound leaves room for a
            // debug build on a busy machine.
            let started = std::time::Instant::now();
            let root = parse(&text).unwrap().unwrap();
            assert!(matches!(&root.value, Value::Mapping(pairs) if pairs.len() == 200_000));
            assert!(
                started.elapsed().as_secs_f64() < 60.0,
                "{key}: took {:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn aliases_that_repeat_the_document_too_often_are_refused() {
        let mut text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n".to_string();
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 9].join(",")
            ));
        }
        let started = std::time::Instant::now();
        assert_eq!(error(&text), YamlError::TooRepetitive);
        assert!(started.elapsed().as_secs_f64() < 5.0);
        // A few aliases are fine.
        let root = parse("a: &x [1, 2]\nb: *x\n").unwrap().unwrap();
        assert_eq!(root.get("a").unwrap().value, root.get("b").unwrap().value);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_at_once() {
        let deep = format!("{}1\n", "- ".repeat(100_000));
        let started = std::time::Instant::now();
        assert!(matches!(error(&deep), YamlError::TooDeep { place } if place.line == 1));
        assert!(started.elapsed().as_secs_f64() < 5.0);
        assert!(parse(&format!("{}1\n", "- ".repeat(build::MAX_DEPTH))).is_ok());
        assert!(parse(&format!("{}1\n", "- ".repeat(build::MAX_DEPTH + 1))).is_err());
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        match error("a: b\nsummary: éé\u{1}b\n") {
            YamlError::Syntax { message, place } => {
                assert_eq!(message, "control characters are not allowed");
                assert_eq!((place.line, place.column), (2, 12));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unclosed_flow_list_is_worded_as_before() {
        match error("short_title: [Example\ndate: 2020-01-02\n") {
            YamlError::Syntax { message, place } => {
                assert_eq!(message, "did not find expected ',' or ']'");
                assert_eq!((place.line, place.column), (2, 5));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_long_list_is_read_in_linear_time() {
        let text = format!("cites: [{}]\n", vec!["a-b"; 1_000_000].join(", "));
        // Quadratic time would take hours: the bound leaves room for a
        // debug build on a busy machine.
        let started = std::time::Instant::now();
        let root = parse(&text).unwrap().unwrap();
        assert!(matches!(&root.get("cites").unwrap().value, Value::Sequence(items) if items.len() == 1_000_000));
        assert!(started.elapsed().as_secs_f64() < 60.0, "took {:?}", started.elapsed());
    }
}
