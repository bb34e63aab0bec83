//! Flesch-Kincaid grade level, used by `net-guide check` to keep patient and caregiver text
//! at grade 8 or below. Heuristic syllable counting, as in common readability tools.

/// Grade level of `text`; 0.0 for text without words.
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 0.0;
    }
    let sentences = sentence_count(text).max(1) as f64;
    let syllables: usize = words
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|p| !p.is_empty())
        .map(syllables)
        .sum();
    let n = words.len() as f64;
    0.39 * n / sentences + 11.8 * syllables as f64 / n - 15.59
}

/// Number of words, as counted by the grade formula.
pub fn word_count(text: &str) -> usize {
    words(text).len()
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()))
        .collect()
}

fn sentence_count(text: &str) -> usize {
    let mut count = 0;
    let mut has_word = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?' | ':' | ';') {
            let mut j = i;
            while j < chars.len() && matches!(chars[j], '.' | '!' | '?' | ':' | ';') {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                if has_word {
                    count += 1;
                }
                has_word = false;
            }
            i = j;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            has_word = true;
        }
        i += 1;
    }
    count + usize::from(has_word)
}

/// Vowel-group syllable estimate with a silent final "e".
pub fn syllables(word: &str) -> usize {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return 1;
    }
    let w: String = word
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let mut groups = 0;
    let mut prev_vowel = false;
    for c in w.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !prev_vowel {
            groups += 1;
        }
        prev_vowel = vowel;
    }
    if w.ends_with('e') && !w.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_text_scores_low() {
        let g = flesch_kincaid_grade("The cat sat on the mat. It was warm. The dog ran to it.");
        assert!(g < 2.0, "grade {g}");
    }

    #[test]
    fn dense_text_scores_high() {
        let g = flesch_kincaid_grade(
            "Peptide receptor radionuclide therapy demonstrated significantly prolonged progression-free survival \
             in somatostatin-receptor-positive well-differentiated gastroenteropancreatic neuroendocrine neoplasms \
             compared with high-dose octreotide administration.",
        );
        assert!(g > 20.0, "grade {g}");
    }

    #[test]
    fn syllable_heuristic() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("tumor"), 2);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("neuroendocrine"), 4); // heuristic: "oe" counts once
        assert_eq!(syllables("2024"), 1);
    }

    #[test]
    fn counts_sentences_and_ignores_decimal_points() {
        assert_eq!(sentence_count("Ki-67 was 2.5 percent. That is low."), 2);
        assert_eq!(sentence_count("No end mark"), 1);
        assert_eq!(word_count("Ki-67 was low percent."), 4);
    }
}
