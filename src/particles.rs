//! Korean particles that agree with the word before them (은/는, 이/가, 을/를, 과/와, 으로/로),
//! judged by how that word is read aloud: 220 is read 이백이십 and takes 은; 214 is read
//! 이백십사 and takes 는. Readings of Latin words come from the theme's i18n file.

use std::collections::BTreeMap;

/// The final sound of a word, as far as particles care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Final {
    /// Ends in a vowel: 는, 가, 를, 와, 로.
    Vowel,
    /// Ends in ㄹ: 은, 이, 을, 과, but 로.
    Rieul,
    /// Ends in any other consonant: 은, 이, 을, 과, 으로.
    Consonant,
}

/// The final sound of a Hangul syllable, or None for other characters.
fn hangul_final(c: char) -> Option<Final> {
    let code = c as u32;
    if !(0xAC00..=0xD7A3).contains(&code) {
        return None;
    }
    Some(match (code - 0xAC00) % 28 {
        0 => Final::Vowel,
        8 => Final::Rieul,
        _ => Final::Consonant,
    })
}

/// How a number ends when read in Sino-Korean: 220 → 이백이십 (ㅂ), 214 → 이백십사 (vowel).
fn number_final(digits: &str) -> Final {
    let trimmed = digits.trim_end_matches('0');
    let zeros = digits.len() - trimmed.len();
    if trimmed.is_empty() {
        return Final::Consonant; // 영
    }
    match zeros {
        0 => match trimmed.as_bytes()[trimmed.len() - 1] {
            b'1' | b'7' | b'8' => Final::Rieul, // 일, 칠, 팔
            b'3' | b'6' => Final::Consonant,    // 삼, 육
            _ => Final::Vowel,                  // 이, 사, 오, 구
        },
        // 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ), and larger units all end in a consonant
        _ => Final::Consonant,
    }
}

/// How a Latin letter is read aloud: L (엘), R (알) end in ㄹ; M (엠), N (엔) in a consonant.
fn letter_final(c: char) -> Final {
    match c.to_ascii_uppercase() {
        'L' | 'R' => Final::Rieul,
        'M' | 'N' => Final::Consonant,
        _ => Final::Vowel,
    }
}

/// The final sound of `word`, using `readings` (e.g. QUIT → 큇) for Latin words.
pub fn final_sound(word: &str, readings: &BTreeMap<String, String>) -> Final {
    let word = word.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ')' | ']' | '"' | '\'' | '’' | '”' | '`' | '.' | ',' | '>'
            )
    });
    if let Some(reading) = readings.get(word) {
        return final_sound(reading, &BTreeMap::new());
    }
    // The last run of digits, or the last letter, decides.
    let digits: String = word
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    if !digits.is_empty() {
        return number_final(&digits.chars().rev().collect::<String>());
    }
    match word.chars().last() {
        Some(c) => hangul_final(c).unwrap_or_else(|| {
            let last_word = word
                .rsplit(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            match readings.get(last_word) {
                Some(r) => final_sound(r, &BTreeMap::new()),
                None => letter_final(c),
            }
        }),
        None => Final::Vowel,
    }
}

/// The form of `particle` (named by its after-consonant form: 은, 이, 을, 과, 으로, 이나, 이라)
/// that agrees with a word ending in `sound`. Unknown particles are returned unchanged.
pub fn agree(particle: &str, sound: Final) -> &str {
    let (after_consonant, after_vowel) = match particle {
        "은" | "는" => ("은", "는"),
        "이" | "가" => ("이", "가"),
        "을" | "를" => ("을", "를"),
        "과" | "와" => ("과", "와"),
        "이나" | "나" => ("이나", "나"),
        "이라" | "라" => ("이라", "라"),
        "이며" | "며" => ("이며", "며"),
        "으로" | "로" => {
            return if sound == Final::Consonant {
                "으로"
            } else {
                "로"
            };
        }
        other => return other,
    };
    if sound == Final::Vowel {
        after_vowel
    } else {
        after_consonant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn particle(word: &str, p: &str) -> String {
        let readings: BTreeMap<String, String> = [
            ("QUIT", "큇"),
            ("DATA", "데이터"),
            ("MAIL", "메일"),
            ("SMTP", "에스엠티피"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        format!("{word}{}", agree(p, final_sound(word, &readings)))
    }

    #[test]
    fn numbers_take_the_particle_of_their_reading() {
        assert_eq!(particle("220", "은"), "220은");
        assert_eq!(particle("214", "은"), "214는");
        assert_eq!(particle("452", "이"), "452가");
        assert_eq!(particle("555", "을"), "555를");
        assert_eq!(particle("502", "과"), "502와");
        assert_eq!(particle("421", "은"), "421은");
        assert_eq!(particle("553", "이"), "553이");
        assert_eq!(particle("250", "과"), "250과");
        assert_eq!(particle("500", "은"), "500은");
        assert_eq!(particle("1000", "은"), "1000은");
    }

    #[test]
    fn euro_and_ro_follow_rieul() {
        assert_eq!(particle("214", "으로"), "214로");
        assert_eq!(particle("221", "으로"), "221로");
        assert_eq!(particle("421", "으로"), "421로");
        assert_eq!(particle("220", "으로"), "220으로");
        assert_eq!(particle("553", "으로"), "553으로");
        assert_eq!(particle("사서함", "으로"), "사서함으로");
        assert_eq!(particle("메일", "으로"), "메일로");
    }

    #[test]
    fn latin_words_are_judged_by_their_reading() {
        assert_eq!(particle("QUIT", "은"), "QUIT은");
        assert_eq!(particle("DATA", "은"), "DATA는");
        assert_eq!(particle("MAIL", "은"), "MAIL은");
        assert_eq!(particle("SMTP", "은"), "SMTP는");
        assert_eq!(particle("HELO", "은"), "HELO는");
    }

    #[test]
    fn hangul_words() {
        assert_eq!(particle("코드", "이"), "코드가");
        assert_eq!(particle("응답", "이"), "응답이");
        assert_eq!(particle("서버", "을"), "서버를");
    }
}
