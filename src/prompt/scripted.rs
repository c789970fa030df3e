//! A [`Prompter`] that answers from a script, for unit tests of the flows
//! that ask.

use anyhow::Result;

use super::Prompter;
use crate::error::Error;

/// Answers given in advance, in order, for tests of a flow; each prompt
/// shown is kept, and each line told. A prompt with no answer left is the
/// end of input.
pub struct Scripted {
    answers: std::collections::VecDeque<String>,
    terminal: bool,
    pub prompts: Vec<String>,
    pub told: Vec<String>,
}

impl Scripted {
    /// An answer that is Ctrl-C: the question fails, as on a terminal.
    pub const CTRL_C: &'static str = "\x03";

    pub fn new(answers: &[&str]) -> Scripted {
        Scripted {
            answers: answers.iter().map(|a| a.to_string()).collect(),
            terminal: true,
            prompts: Vec::new(),
            told: Vec::new(),
        }
    }

    /// No one to ask: as infer without a terminal.
    pub fn without_terminal() -> Scripted {
        Scripted {
            terminal: false,
            ..Scripted::new(&[])
        }
    }

    /// Whether every answer was asked for.
    pub fn all_asked(&self) -> bool {
        self.answers.is_empty()
    }
}

impl Prompter for Scripted {
    fn can_ask(&self) -> bool {
        self.terminal
    }

    fn tell(&mut self, line: &str) {
        self.told.push(line.to_string());
    }

    fn read_line(&mut self, prompt: &str) -> Result<Option<String>> {
        self.prompts.push(prompt.to_string());
        match self.answers.pop_front() {
            Some(answer) if answer == Scripted::CTRL_C => Err(Error::Interrupted.into()),
            answer => Ok(answer),
        }
    }

    fn read_hidden(&mut self, prompt: &str) -> Result<String> {
        Ok(self.read_line(prompt)?.unwrap_or_default())
    }
}
