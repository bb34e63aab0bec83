//! How questions and passages are cut into comparable words: lower case, accents and
//! apostrophes folded, a light English stemmer (plurals, -ing, -ed, -ly), so "tumours",
//! "tumor" and "Tumors" meet.

/// Words too common to say anything about a topic.
const STOP: [&str; 64] = [
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "do", "does", "for", "from", "get", "had", "has", "have",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "to", "was", "we", "what", "when", "which", "who", "why", "will", "with", "you",
];

pub fn is_stop(word: &str) -> bool {
    STOP.contains(&word)
}

/// Lower-case words of `text` (letters and digits), accents folded, apostrophes dropped
/// ("don't" → "dont"), at most `limit` words.
pub fn words(text: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if out.len() >= limit {
            break;
        }
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            continue;
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ö' | 'Ó' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ü' => 'u',
        'ß' => 's',
        _ => c,
    }
}

/// A light stemmer: enough to join plural and verb forms without a dictionary.
pub fn stem(word: &str) -> String {
    let mut base = strip_suffix(word);
    // A final "e" goes, so "dose"/"doses", "remove"/"removed" and "image"/"imaging" meet.
    if base.len() > 4 && base.ends_with('e') && !base.ends_with("ee") {
        base.pop();
    }
    base
}

fn strip_suffix(w: &str) -> String {
    let n = w.len();
    let cut = |k: usize| w[..n - k].to_string();
    // British and American spellings meet: tumours/tumors, tumour/tumor.
    if n > 6 && w.ends_with("ours") {
        return format!("{}or", &w[..n - 4]);
    }
    // "constipation" and "constipated" meet at "constipat".
    if n > 7 && w.ends_with("ation") {
        return cut(3);
    }
    // "metastasis" and "metastases", "diagnosis" and "diagnosed".
    if n > 5 && w.ends_with("sis") {
        return cut(2);
    }
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 5 && w.ends_with("ing") {
        return cut(3);
    }
    if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        return cut(2);
    }
    if n > 4 && w.ends_with("ly") {
        return cut(2);
    }
    if n > 4
        && (w.ends_with("sses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes"))
    {
        return cut(2);
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return cut(1);
    }
    if n > 5 && w.ends_with("our") {
        return format!("{}or", &w[..n - 3]);
    }
    w.to_string()
}

/// Stemmed words without stop words: the search's terms.
pub fn terms(text: &str, limit: usize) -> Vec<String> {
    words(text, limit)
        .into_iter()
        .filter(|w| !is_stop(w))
        .map(|w| stem(&w))
        .collect()
}

/// Edit distance, stopping early above `max` (for misspellings).
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            // A swap of two neighbours counts as one edit.
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev[j - 1].saturating_sub(cost) + 1).min(cur[j]);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_spelling_and_case_meet() {
        assert_eq!(terms("Tumours", 10), terms("tumor", 10));
        assert_eq!(terms("injections", 10), terms("injection", 10));
        assert_eq!(words("Don't ÉTÉ", 10), vec!["dont", "ete"]);
        assert_eq!(terms("doses", 10), terms("dose", 10));
        assert_eq!(terms("metastases", 10), terms("metastasis", 10));
        assert_eq!(terms("constipated", 10), terms("constipation", 10));
        assert_eq!(terms("imaging", 10), terms("image", 10));
        assert!(within_edits("colonscopy", "colonoscopy", 1));
        assert!(within_edits("astma", "asthma", 1));
        assert!(!within_edits("liver", "lung", 2));
    }
}
