/* The libyaml parse floor for make bench: parse one stream (stdin) of
 * concatenated YAML documents with libyaml's event parser, nothing else. */
#include <stdio.h>
#include <yaml.h>

int main(void)
{
	yaml_parser_t p;
	yaml_event_t e;
	long events = 0, docs = 0;
	int done = 0;
	if (!yaml_parser_initialize(&p))
		return 70;
	yaml_parser_set_input_file(&p, stdin);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "bench_parse: %s at line %lu\n", p.problem,
				(unsigned long)p.problem_mark.line + 1);
			yaml_parser_delete(&p);
			return 65;
		}
		events++;
		if (e.type == YAML_DOCUMENT_START_EVENT)
			docs++;
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	printf("%ld documents, %ld events\n", docs, events);
	return 0;
}
