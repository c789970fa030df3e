//! A [`Prompter`] that answers from a script, for unit tests of the flows
//! that ask.

use anyhow::Result;

use super::Prompter;

/// Answers given in advance, in order, for tests of a flow; each prompt
/// shown is kept. A prompt with no answer left is the end of input.
pub struct Scripted {
    answers: std::collections::VecDeque<String>,
    pub prompts: Vec<String>,
}

impl Scripted {
    pub fn new(answers: &[&str]) -> Scripted {
        Scripted {
            answers: answers.iter().map(|a| a.to_string()).collect(),
            prompts: Vec::new(),
        }
    }

    /// Whether every answer was asked for.
    pub fn all_asked(&self) -> bool {
        self.answers.is_empty()
    }
}

impl Prompter for Scripted {
    fn read_line(&mut self, prompt: &str) -> Result<Option<String>> {
        self.prompts.push(prompt.to_string());
        Ok(self.answers.pop_front())
    }

    fn read_hidden(&mut self, prompt: &str) -> Result<String> {
        self.prompts.push(prompt.to_string());
        Ok(self.answers.pop_front().unwrap_or_default())
    }
}
