process.stdout.write('llmcost: under construction\n');
