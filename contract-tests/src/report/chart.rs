//! The geometry of the inline SVG charts, computed here so that the templates only place
//! numbers: a coverage bar, entries by kind × actor, entries by retry policy. Every chart
//! writes its numbers as text too, so no reading depends on colour.

use catalog_core::{Actor, Entry, Kind};

use crate::conformance::Counts;

/// The coverage bar's width in its own units (`viewBox`).
pub(super) const BAR_WIDTH: usize = 1000;

/// One segment of the coverage bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Segment {
    /// `recorded`, `docs`, `untested`, `uncovered`: the CSS class and the legend's word.
    pub(super) class: &'static str,
    /// What the segment counts, for its tooltip.
    pub(super) label: String,
    pub(super) x: usize,
    pub(super) width: usize,
}

/// A provider's coverage as a bar of four segments, in the order of the text output.
pub(super) fn bar(counts: &Counts) -> Vec<Segment> {
    let total = counts.total();
    let parts = [
        ("recorded", counts.recordings, "by recorded responses"),
        ("docs", counts.docs_examples, "by docs examples"),
        ("untested", counts.untested, "untested, with a reason"),
        ("uncovered", counts.uncovered, "uncovered"),
    ];
    let mut segments = Vec::new();
    if total == 0 {
        return segments;
    }
    // Each segment ends where the running share ends, so the widths add up to the bar.
    let mut done = 0;
    let mut x = 0;
    for (class, count, words) in parts {
        done += count;
        let end = done * BAR_WIDTH / total;
        if count > 0 {
            segments.push(Segment {
                class,
                label: format!("{count} of {total} {words}"),
                x,
                width: end - x,
            });
        }
        x = end;
    }
    segments
}

/// A cell of the kind × actor grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cell {
    pub(super) kind: &'static str,
    pub(super) actor: &'static str,
    pub(super) count: usize,
    pub(super) x: usize,
    pub(super) y: usize,
    /// Where its number is written.
    pub(super) text_x: usize,
    pub(super) text_y: usize,
    /// The fill's opacity in percent, by count against the largest cell.
    pub(super) shade: usize,
    /// Whether the fill is dark enough to write the number in white.
    pub(super) dark: bool,
    /// The entries table filtered to this cell.
    pub(super) href: String,
}

/// The kind × actor grid: a row per kind, a column per actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Grid {
    /// Each kind and the baseline of its label.
    pub(super) rows: Vec<(&'static str, usize)>,
    /// Each actor and the centre of its label.
    pub(super) columns: Vec<(&'static str, usize)>,
    pub(super) cells: Vec<Cell>,
    pub(super) width: usize,
    pub(super) height: usize,
}

const LABEL_WIDTH: usize = 170;
const CELL_WIDTH: usize = 92;
const CELL_HEIGHT: usize = 24;
const HEAD_HEIGHT: usize = 28;

/// Entries by kind (rows) and actor (columns), every kind and actor of the vocabulary.
pub(super) fn kind_actor(entries: &[Entry]) -> Grid {
    let mut counts = vec![0usize; Kind::ALL.len() * Actor::ALL.len()];
    for entry in entries {
        let row = Kind::ALL.iter().position(|kind| *kind == entry.kind);
        let column = Actor::ALL.iter().position(|actor| *actor == entry.actor);
        if let (Some(row), Some(column)) = (row, column) {
            counts[row * Actor::ALL.len() + column] += 1;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut cells = Vec::new();
    for (row, kind) in Kind::ALL.iter().enumerate() {
        for (column, actor) in Actor::ALL.iter().enumerate() {
            let count = counts[row * Actor::ALL.len() + column];
            let x = LABEL_WIDTH + column * CELL_WIDTH;
            let y = HEAD_HEIGHT + row * CELL_HEIGHT;
            let shade = if count == 0 { 0 } else { 15 + 85 * count / max };
            cells.push(Cell {
                kind: kind.as_str(),
                actor: actor.as_str(),
                count,
                x,
                y,
                text_x: x + CELL_WIDTH / 2,
                text_y: y + CELL_HEIGHT - 7,
                shade,
                dark: shade >= 55,
                href: format!("?q=kind:{}+actor:{}#entries", kind.as_str(), actor.as_str()),
            });
        }
    }
    Grid {
        rows: Kind::ALL
            .iter()
            .enumerate()
            .map(|(row, kind)| (kind.as_str(), HEAD_HEIGHT + (row + 1) * CELL_HEIGHT - 7))
            .collect(),
        columns: Actor::ALL
            .iter()
            .enumerate()
            .map(|(column, actor)| {
                (
                    actor.as_str(),
                    LABEL_WIDTH + column * CELL_WIDTH + CELL_WIDTH / 2,
                )
            })
            .collect(),
        cells,
        width: LABEL_WIDTH + Actor::ALL.len() * CELL_WIDTH,
        height: HEAD_HEIGHT + Kind::ALL.len() * CELL_HEIGHT,
    }
}

/// One bar of the retry chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RetryBar {
    pub(super) policy: &'static str,
    pub(super) count: usize,
    pub(super) y: usize,
    pub(super) width: usize,
    /// The baseline of its label and number, and where the number starts.
    pub(super) text_y: usize,
    pub(super) text_x: usize,
    /// The entries table filtered to this policy.
    pub(super) href: String,
}

/// The retry chart: a bar per policy of the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Bars {
    pub(super) bars: Vec<RetryBar>,
    /// Where the bars start.
    pub(super) x: usize,
    pub(super) width: usize,
    pub(super) height: usize,
}

const RETRY_LABEL_WIDTH: usize = 110;
const RETRY_BAR_WIDTH: usize = 280;
const RETRY_ROW: usize = 24;

/// The policies by their DSL names, in the vocabulary's order.
const POLICIES: &[&str] = catalog_core::RetryPolicy::NAMES;

/// Entries by retry policy (by the policy's name: `backoff(3)` and `backoff(5)` are one bar).
pub(super) fn retry(entries: &[Entry]) -> Bars {
    let counts: Vec<usize> = POLICIES
        .iter()
        .map(|policy| {
            entries
                .iter()
                .filter(|entry| entry.retry.name() == *policy)
                .count()
        })
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let bars = POLICIES
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (policy, &count))| {
            let width = count * RETRY_BAR_WIDTH / max;
            RetryBar {
                policy,
                count,
                y: i * RETRY_ROW + 4,
                width,
                text_y: (i + 1) * RETRY_ROW - 7,
                text_x: RETRY_LABEL_WIDTH + width + 6,
                href: format!("?q=retry:{policy}#entries"),
            }
        })
        .collect();
    Bars {
        bars,
        x: RETRY_LABEL_WIDTH,
        width: RETRY_LABEL_WIDTH + RETRY_BAR_WIDTH + 50,
        height: POLICIES.len() * RETRY_ROW,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_its_width_in_the_order_of_the_counts() {
        let counts = Counts {
            recordings: 6,
            docs_examples: 3,
            untested: 2,
            uncovered: 1,
        };
        let segments = bar(&counts);
        let classes: Vec<&str> = segments.iter().map(|s| s.class).collect();
        assert_eq!(classes, ["recorded", "docs", "untested", "uncovered"]);
        assert_eq!(segments[0].x, 0);
        assert_eq!(segments[0].width, 500);
        let end = segments.last().map(|s| s.x + s.width);
        assert_eq!(end, Some(BAR_WIDTH));
        assert_eq!(segments[3].label, "1 of 12 uncovered");
    }

    #[test]
    fn an_empty_catalog_has_no_bar() {
        assert!(bar(&Counts::default()).is_empty());
    }
}
