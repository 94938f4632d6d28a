//! Where things go on a chart so that nothing misleads: each label beside
//! its own point and inside that point's quadrant, clear of every other
//! label and point; dense dots pulled slightly apart within their quadrant.

use crate::render::metrics::{ASCENT, DESCENT, Font};
use std::collections::HashMap;

/// An axis-aligned box in the drawing's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn new(left: f64, top: f64, right: f64, bottom: f64) -> Rect {
        Rect {
            left,
            top,
            right,
            bottom,
        }
    }

    /// The box around a circle.
    pub fn around(x: f64, y: f64, radius: f64) -> Rect {
        Rect::new(x - radius, y - radius, x + radius, y + radius)
    }

    /// The box `by` units smaller on every side.
    pub fn inset(self, by: f64) -> Rect {
        Rect::new(
            self.left + by,
            self.top + by,
            self.right - by,
            self.bottom - by,
        )
    }

    pub fn width(self) -> f64 {
        self.right - self.left
    }

    pub fn height(self) -> f64 {
        self.bottom - self.top
    }

    pub fn contains(self, other: Rect) -> bool {
        other.left >= self.left
            && other.right <= self.right
            && other.top >= self.top
            && other.bottom <= self.bottom
    }

    /// Whether the boxes come within `gap` of each other.
    pub fn near(self, other: Rect, gap: f64) -> bool {
        self.left < other.right + gap
            && other.left < self.right + gap
            && self.top < other.bottom + gap
            && other.top < self.bottom + gap
    }
}

/// Where a line of text sits: `x` is its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn id(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The box a line of text covers.
pub fn text_box(font: Font, text: &str, x: f64, baseline: f64, anchor: Anchor) -> Rect {
    let width = font.width(text);
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    Rect::new(
        left,
        baseline - ASCENT * font.size,
        left + width,
        baseline + DESCENT * font.size,
    )
}

/// A label to place beside a point.
#[derive(Debug, Clone)]
pub struct Wanted<'a> {
    pub text: &'a str,
    pub x: f64,
    pub y: f64,
    /// How far the point's marker reaches from its centre.
    pub radius: f64,
    /// Where the label must stay: the point's own quadrant, below its title.
    pub area: Rect,
}

/// A label as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub anchor: Anchor,
    pub rect: Rect,
}

/// Space between a label and anything else.
const GAP: f64 = 4.0;

/// Places each label in turn beside its point: to the right, to the left,
/// above, below, then nudged up or down; where the whole label fits nowhere,
/// cut shorter. A label stays inside its area and clear of `obstacles` and
/// of the labels placed before it; one that cannot is left out (`None`).
pub fn place_labels(wanted: &[Wanted], obstacles: &[Rect], font: Font) -> Vec<Option<Placed>> {
    let mut taken: Vec<Rect> = Vec::new();
    wanted
        .iter()
        .map(|label| {
            let placed = place_one(label, font, obstacles, &taken);
            if let Some(placed) = &placed {
                taken.push(placed.rect);
            }
            placed
        })
        .collect()
}

fn place_one(label: &Wanted, font: Font, obstacles: &[Rect], taken: &[Rect]) -> Option<Placed> {
    let free = |rect: Rect| {
        label.area.contains(rect)
            && !obstacles.iter().any(|o| o.near(rect, GAP / 2.0))
            && !taken.iter().any(|t| t.near(rect, GAP))
    };
    let full = font.width(label.text);
    // The whole label at the first spot where it fits; else cut to the room
    // each spot offers, keeping the spot that shows the most of it; else
    // shorter still.
    let mut tries: Vec<Option<f64>> = vec![None];
    tries.extend([1.0, 0.7, 0.5, 0.35].map(|share| Some(share * full)));
    for room in tries {
        let mut best: Option<Placed> = None;
        for spot in spots(label, font) {
            let space = match spot.anchor {
                Anchor::Start => label.area.right - spot.x,
                Anchor::End => spot.x - label.area.left,
                Anchor::Middle => label.area.width(),
            };
            let text = match room {
                None if full <= space => label.text.to_string(),
                None => continue,
                Some(room) => match font.cut(label.text, room.min(space)) {
                    Some(cut) if cut != label.text => cut,
                    _ => continue,
                },
            };
            let x = match spot.anchor {
                // Centred over or under the point, moved sideways only as
                // far as the area needs and never off the point.
                Anchor::Middle => {
                    let half = font.width(&text) / 2.0;
                    let (low, high) = (label.area.left + half, label.area.right - half);
                    if low > high {
                        continue;
                    }
                    spot.x.clamp(low, high).clamp(spot.x - half, spot.x + half)
                }
                _ => spot.x,
            };
            let rect = text_box(font, &text, x, spot.baseline, spot.anchor);
            let longer = best
                .as_ref()
                .is_none_or(|b| text.chars().count() > b.text.chars().count());
            if free(rect) && longer {
                best = Some(Placed {
                    text,
                    x,
                    baseline: spot.baseline,
                    anchor: spot.anchor,
                    rect,
                });
                if room.is_none() {
                    break;
                }
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

/// A place to try for a label.
struct Spot {
    x: f64,
    baseline: f64,
    anchor: Anchor,
}

/// Beside, above and below the point, then beside it a line or two higher
/// or lower.
fn spots(label: &Wanted, font: Font) -> Vec<Spot> {
    let size = font.size;
    let reach = label.radius + GAP + 2.0;
    // The baseline that centres a line of text on `y`.
    let centred = |y: f64| y + (ASCENT - DESCENT) / 2.0 * size;
    let (right, left) = (label.x + reach, label.x - reach);
    let above = label.y - reach - DESCENT * size;
    let below = label.y + reach + ASCENT * size;
    let spot = |x, baseline, anchor| Spot {
        x,
        baseline,
        anchor,
    };
    let mut spots = vec![
        spot(right, centred(label.y), Anchor::Start),
        spot(left, centred(label.y), Anchor::End),
        spot(label.x, above, Anchor::Middle),
        spot(label.x, below, Anchor::Middle),
    ];
    let line = font.line_height();
    for step in [1.0, -1.0, 2.0, -2.0, 3.0, -3.0] {
        let y = centred(label.y) + step * line;
        let near = label.radius - 2.0;
        spots.push(spot(label.x + near, y, Anchor::Start));
        spots.push(spot(label.x - near, y, Anchor::End));
    }
    spots
}

/// How many dots [`spread`] moves; any more stay where they are (a chart of
/// thousands is a smear however they lie, and moving them costs time).
const SPREAD_LIMIT: usize = 1000;

/// Dots moved the least needed, along a spiral, so that none lies closer
/// than `apart` to another, each kept inside its area; where no free spot
/// is near, the roomiest one tried.
pub fn spread(dots: &[(f64, f64, Rect)], apart: f64) -> Vec<(f64, f64)> {
    let cell = apart.max(1.0);
    let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<(f64, f64)>> = HashMap::new();
    let mut placed = Vec::with_capacity(dots.len());
    for &(x, y, area) in dots {
        let clearance = |grid: &HashMap<(i64, i64), Vec<(f64, f64)>>, cx: f64, cy: f64| {
            let (kx, ky) = key(cx, cy);
            let mut nearest = f64::INFINITY;
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &(ox, oy) in grid.get(&(kx + dx, ky + dy)).into_iter().flatten() {
                        nearest = nearest.min(((ox - cx).powi(2) + (oy - cy).powi(2)).sqrt());
                    }
                }
            }
            nearest
        };
        let mut best = (
            x.clamp(area.left, area.right),
            y.clamp(area.top, area.bottom),
        );
        if placed.len() >= SPREAD_LIMIT {
            placed.push(best);
            continue;
        }
        let mut best_clearance = clearance(&grid, best.0, best.1);
        for k in 0..600 {
            if best_clearance >= apart {
                break;
            }
            // A golden-angle spiral: evenly spread, ever further out.
            let (radius, angle) = (0.55 * apart * f64::from(k).sqrt(), 2.399_963 * f64::from(k));
            let (cx, cy) = (x + radius * angle.cos(), y + radius * angle.sin());
            if cx < area.left || cx > area.right || cy < area.top || cy > area.bottom {
                continue;
            }
            let c = clearance(&grid, cx, cy);
            if c > best_clearance {
                (best, best_clearance) = ((cx, cy), c);
            }
        }
        grid.entry(key(best.0, best.1)).or_default().push(best);
        placed.push(best);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str, x: f64, y: f64, area: Rect) -> Wanted<'_> {
        Wanted {
            text,
            x,
            y,
            radius: 10.0,
            area,
        }
    }

    #[test]
    fn a_label_with_no_room_on_the_right_goes_left() {
        let area = Rect::new(0.0, 0.0, 400.0, 300.0);
        let font = Font::bold(20.0);
        let placed = place_labels(&[label("Klarna", 380.0, 150.0, area)], &[], font);
        let placed = placed[0].as_ref().unwrap();
        assert_eq!(placed.anchor, Anchor::End);
        assert!(area.contains(placed.rect));
    }

    #[test]
    fn labels_of_one_spot_do_not_overlap() {
        let area = Rect::new(0.0, 0.0, 400.0, 300.0);
        let font = Font::bold(18.0);
        let wanted = [
            label("Ana", 200.0, 150.0, area),
            label("Consensus", 200.0, 150.0, area),
            label("Ben", 200.0, 150.0, area),
        ];
        let placed: Vec<Placed> = place_labels(&wanted, &[], font)
            .into_iter()
            .map(Option::unwrap)
            .collect();
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.near(b.rect, 0.0), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_long_label_is_cut_to_fit_its_area() {
        let area = Rect::new(0.0, 0.0, 200.0, 300.0);
        let font = Font::bold(20.0);
        let placed = place_labels(
            &[label(
                "AI customer-service assistant for every market",
                100.0,
                150.0,
                area,
            )],
            &[],
            font,
        );
        let placed = placed[0].as_ref().unwrap();
        assert!(placed.text.ends_with('…'), "{placed:?}");
        assert!(area.contains(placed.rect));
    }

    #[test]
    fn spread_dots_keep_apart_inside_their_area() {
        let area = Rect::new(0.0, 0.0, 200.0, 200.0);
        let dots = vec![(100.0, 100.0, area); 50];
        let placed = spread(&dots, 8.0);
        for (i, a) in placed.iter().enumerate() {
            assert!(a.0 >= 0.0 && a.0 <= 200.0 && a.1 >= 0.0 && a.1 <= 200.0);
            for b in &placed[i + 1..] {
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(d >= 8.0 - 1e-9, "{a:?} and {b:?} are {d} apart");
            }
        }
    }
}
