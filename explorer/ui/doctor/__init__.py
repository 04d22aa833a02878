"""`:doctor`: the doctor report as a modal screen."""
