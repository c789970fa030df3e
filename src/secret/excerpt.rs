//! The excerpt of a server's body that infer shows: short, tags dropped,
//! and masked before it is cut, so that no cut leaves a piece of a secret
//! (`props.rs` proves it of every form a secret may take).

/// At most 200 characters of a body, tags dropped and white space folded;
/// secrets masked first, so that neither the cut nor the folding can leave
/// a piece of one; only as much of the body is looked at as that takes.
pub fn excerpt(body: &str) -> String {
    // The first 16 KiB hold the 200 characters shown, whatever the tags and
    // white space; masking handles a secret cut at the end of them.
    let mut end = body.len().min(16 * 1024);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    shorten(&super::scrub(&body[..end]))
}

/// The cut of [`excerpt`], on a text already masked.
pub fn shorten(body: &str) -> String {
    let mut text = String::new();
    let (mut in_tag, mut space, mut count) = (false, false, 0);
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => space = true,
            c => {
                let room = if space && count > 0 { 2 } else { 1 };
                if count + room > 200 {
                    text.push('…');
                    break;
                }
                if room == 2 {
                    text.push(' ');
                }
                space = false;
                text.push(c);
                count += room;
            }
        }
    }
    text
}
