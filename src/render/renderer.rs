//! What every format implements, and how text output should look.

use crate::check::CheckReport;
use crate::diagnosis::Diagnosis;
use crate::diff::DiffReport;
use crate::framework::{Framework, Playbook};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::workshop::WorkshopReport;

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// Whether to use ANSI colour and bold.
    pub color: bool,
    /// The width to fit the text to, in columns.
    pub width: u16,
    /// Whether to keep a report to what fits one screen.
    pub brief: bool,
}

impl TextStyle {
    /// The style for text that is not going to this terminal.
    pub fn piped(self) -> TextStyle {
        TextStyle {
            color: false,
            width: terminal_width_when_piped(),
            ..self
        }
    }
}

/// The width of text that is not going to a terminal, so files diff cleanly.
pub const fn terminal_width_when_piped() -> u16 {
    100
}

/// One output format. Each report it can write is one method; the rest
/// are left as they are, and the registry says which it writes.
pub trait Renderer: Sync {
    fn diagnosis(&self, _: &Framework, _: TextStyle, _: &Diagnosis) -> String {
        unreachable!("not registered for a diagnosis")
    }
    fn workshop(&self, _: &Framework, _: TextStyle, _: &WorkshopReport) -> String {
        unreachable!("not registered for a workshop report")
    }
    fn portfolio(&self, _: &Framework, _: TextStyle, _: &Portfolio) -> String {
        unreachable!("not registered for a portfolio")
    }
    /// Writes a portfolio to `out` as it is made, so a report of many
    /// thousand initiatives need not be held whole. By default, the
    /// report `portfolio` makes.
    fn write_portfolio(
        &self,
        framework: &Framework,
        style: TextStyle,
        portfolio: &Portfolio,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(self.portfolio(framework, style, portfolio).as_bytes())
    }
    fn check(&self, _: &Framework, _: TextStyle, _: &CheckReport) -> String {
        unreachable!("not registered for check's results")
    }
    fn card(&self, _: &Framework, _: TextStyle, _: &Playbook) -> String {
        unreachable!("not registered for a playbook card")
    }
    fn calibration(&self, _: &Framework, _: TextStyle, _: &TrackRecord) -> String {
        unreachable!("not registered for a track record")
    }
    fn diff(&self, _: &Framework, _: TextStyle, _: &DiffReport) -> String {
        unreachable!("not registered for a diff")
    }
    fn history(&self, _: &Framework, _: TextStyle, _: &HistoryReport) -> String {
        unreachable!("not registered for a history")
    }
}
