use super::*;

fn zurich_customer() -> CustomerInput {
    CustomerInput {
        email: "max.mueller@example.ch".into(),
        first_name: "Max".into(),
        last_name: "Müller".into(),
        phone: "079 123 45 67".into(),
        iban: "CH93 0076 2011 6238 5295 7".into(),
        street: "Bahnhofstrasse 1".into(),
        zip: "8001".into(),
        city: "Zürich".into(),
        country: String::new(),
    }
}

fn problem_with(field: CustomerField, input: CustomerInput) -> Option<FieldProblem> {
    match input.validate() {
        Ok(_) => None,
        Err(errors) => errors.problem(field),
    }
}

fn phone(text: &str) -> Result<String, FieldProblem> {
    normalise_phone(text)
}

#[test]
fn a_complete_swiss_customer_becomes_the_record_sent_to_revendo() {
    let customer = zurich_customer().validate().expect("valid customer");

    assert_eq!(customer.email, "max.mueller@example.ch");
    assert_eq!(customer.phone, "+41791234567");
    assert_eq!(customer.iban.as_compact(), "CH9300762011623852957");
    assert_eq!(customer.address.zip, "8001");
    assert_eq!(customer.address.country, "CH");
}

#[test]
fn surrounding_whitespace_is_trimmed_from_every_field() {
    let input = CustomerInput {
        email: "  max@example.ch\t".into(),
        first_name: " Max ".into(),
        street: "\u{a0}Bahnhofstrasse 1 ".into(),
        city: " Zürich".into(),
        country: " ch ".into(),
        ..zurich_customer()
    };

    let customer = input.validate().expect("valid after trimming");

    assert_eq!(customer.email, "max@example.ch");
    assert_eq!(customer.first_name, "Max");
    assert_eq!(customer.address.street, "Bahnhofstrasse 1");
    assert_eq!(customer.address.city, "Zürich");
    assert_eq!(customer.address.country, "CH");
}

#[test]
fn an_empty_form_reports_every_required_field_once_in_form_order() {
    let errors = CustomerInput::default().validate().expect_err("empty form");

    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            CustomerField::Email,
            CustomerField::FirstName,
            CustomerField::LastName,
            CustomerField::Phone,
            CustomerField::Iban,
            CustomerField::Street,
            CustomerField::Zip,
            CustomerField::City,
        ]
    );
    assert!(errors.iter().all(|e| e.problem == FieldProblem::Missing));
}

#[test]
fn swiss_phone_numbers_in_every_usual_writing_become_e164() {
    for written in [
        "079 123 45 67",
        "0791234567",
        "+41 79 123 45 67",
        "+41791234567",
        "0041 79 123 45 67",
        "+41 (0)79 123 45 67",
        "+41 (0) 79 123 45 67",
        "079/123.45.67",
        "079-123-45-67",
        "+41 079 123 45 67",
    ] {
        assert_eq!(phone(written), Ok("+41791234567".to_owned()), "{written}");
    }
    assert_eq!(phone("044 668 18 00"), Ok("+41446681800".to_owned()));
    assert_eq!(phone("031 322 21 11"), Ok("+41313222111".to_owned()));
}

#[test]
fn foreign_numbers_are_accepted_only_with_a_country_code() {
    assert_eq!(phone("+49 30 1234567"), Ok("+49301234567".to_owned()));
    assert_eq!(phone("0033 1 23 45 67 89"), Ok("+33123456789".to_owned()));
    assert_eq!(phone("+423 235 12 34"), Ok("+4232351234".to_owned()));

    for wrong in ["+1234567", "+1234567890123456", "+0 123 456 789", "791234567"] {
        assert_eq!(phone(wrong), Err(FieldProblem::PhoneFormat), "{wrong}");
    }
}

#[test]
fn swiss_numbers_with_a_wrong_digit_count_or_letters_are_refused() {
    for wrong in
        ["079 123 45 6", "079 123 45 678", "+41 79 123 45", "079 ABC 45 67", "0", "++41791234567"]
    {
        assert_eq!(phone(wrong), Err(FieldProblem::PhoneFormat), "{wrong}");
    }
}

#[test]
fn ibans_are_checked_for_country_length_and_check_digits() {
    let with_iban = |iban: &str| {
        problem_with(CustomerField::Iban, CustomerInput { iban: iban.into(), ..zurich_customer() })
    };

    assert_eq!(with_iban("CH56 0483 5012 3456 7800 9"), None);
    assert_eq!(with_iban("li21 0881 0000 2324 013a a"), None);
    assert_eq!(with_iban("DE89 3704 0044 0532 0130 00"), Some(FieldProblem::IbanCountry));
    assert_eq!(with_iban("CH93 0076 2011 6238 5295"), Some(FieldProblem::IbanFormat));
    assert_eq!(with_iban("CH93 0076 2011 6238 5295 8"), Some(FieldProblem::IbanChecksum));
    assert_eq!(with_iban("   "), Some(FieldProblem::Missing));
}

#[test]
fn postcodes_are_four_digits_from_1000_to_9999() {
    for good in ["8001", "3000", "1200", "6900", "1000", "9999", "CH-8001"] {
        assert_eq!(normalise_zip(good).map(|z| z.len()), Ok(4), "{good}");
    }
    for wrong in ["0800", "800", "80011", "80O1", "D-8001", "8 001"] {
        assert_eq!(normalise_zip(wrong), Err(FieldProblem::ZipFormat), "{wrong}");
    }
}

#[test]
fn only_switzerland_is_accepted_as_country_and_empty_means_switzerland() {
    for swiss in ["", "CH", "ch", "Schweiz", "SUISSE", "Svizzera", "Switzerland", "CHE"] {
        assert_eq!(normalise_country(swiss), Ok("CH".to_owned()), "{swiss}");
    }
    for other in ["DE", "LI", "Liechtenstein", "Deutschland", "C H"] {
        assert_eq!(normalise_country(other), Err(FieldProblem::CountryNotCh), "{other}");
    }
}

#[test]
fn email_syntax_is_checked_pragmatically() {
    for good in ["max@example.ch", "max.mueller+revendo@mail.example.co.uk", "ö@bücher.ch"] {
        assert!(normalise_email(good).is_ok(), "{good}");
    }
    for wrong in [
        "max",
        "max@",
        "@example.ch",
        "max@example",
        "max@@example.ch",
        "max@a..ch",
        "max muster@example.ch",
        "max@example.ch.",
    ] {
        assert_eq!(normalise_email(wrong), Err(FieldProblem::EmailSyntax), "{wrong}");
    }
}

#[test]
fn overlong_fields_and_control_characters_are_refused() {
    let input = CustomerInput {
        first_name: "M".repeat(101),
        last_name: "Müller\nDROP".into(),
        email: format!("{}@example.ch", "a".repeat(250)),
        ..zurich_customer()
    };

    let errors = input.validate().expect_err("invalid");

    assert_eq!(errors.problem(CustomerField::FirstName), Some(FieldProblem::TooLong));
    assert_eq!(errors.problem(CustomerField::LastName), Some(FieldProblem::InvalidCharacters));
    assert_eq!(errors.problem(CustomerField::Email), Some(FieldProblem::TooLong));
    assert_eq!(errors.len(), 3);
}

#[test]
fn field_errors_serialize_to_form_names_and_stable_codes_without_the_values() {
    let input =
        CustomerInput { phone: "12345".into(), country: "Deutschland".into(), ..zurich_customer() };

    let errors = input.validate().expect_err("invalid");

    assert_eq!(
        serde_json::to_value(&errors).expect("serializable"),
        serde_json::json!([
            {"field": "phone", "problem": "phone_format"},
            {"field": "country", "problem": "country_not_ch"}
        ])
    );
    let shown = errors.to_string();
    assert!(!shown.contains("12345") && !shown.contains("Deutschland"), "{shown}");
}
