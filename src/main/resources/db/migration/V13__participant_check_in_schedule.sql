-- The days a programme expects a participant to check in, where it knows them: DAILY, WEEKDAYS or
-- days such as MON,WED,FRI. NULL: the rules learn the person's usual days from their check-ins.
ALTER TABLE participant ADD COLUMN check_in_schedule text
    CHECK (check_in_schedule ~ '^(DAILY|WEEKDAYS|(MON|TUE|WED|THU|FRI|SAT|SUN)(,(MON|TUE|WED|THU|FRI|SAT|SUN)){0,6})$');
